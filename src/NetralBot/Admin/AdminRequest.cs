using System.Globalization;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;

namespace NetralBot.Admin;

/// <summary>
/// An admin's command or button as the admin handlers see it: who (for the audit log), the command word and what
/// follows it, the message itself (for an attached image) and the texts in the admin's language.
/// </summary>
public sealed record AdminRequest(string Admin, string Command, string Arguments, InboundMessage Message, DialogContent Content, Language Language)
{
    /// <summary>Every admin button's payload starts with this, so the conversation service knows to ask the admins first.</summary>
    public const string ButtonPrefix = "adm:";

    /// <summary>The first word of the arguments as a number (a tip or broadcast id), if it is one.</summary>
    public long? Number =>
        long.TryParse(Arguments.Split(' ', 2)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The arguments after the first word (a reason, a message), or null.</summary>
    public string? Rest => Arguments.Split(' ', 2, StringSplitOptions.TrimEntries) is [_, { Length: > 0 } rest] ? rest : null;

    public string Say(string key, params (string, string)[] values) => Content.Texts.Get(Language, key, values);

    public Button Button(string textKey, string payload) => new(Say(textKey), ButtonPrefix + payload);
}
