using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Conversations;

/// <summary>What the bot remembers of a conversation between messages; persisted after every step.</summary>
/// <param name="State">The dialog state as its enum name (a storage contract).</param>
/// <param name="Language">The language the person chose.</param>
/// <param name="Status">The status the person mentioned earlier (PNS/PPPK/PPNPN), for the sanction shown.</param>
/// <param name="LastRuleId">The rule last answered.</param>
/// <param name="Offered">The buttons of the last reply, so a typed number picks one.</param>
/// <param name="Private">The encrypted part (tip draft, follow-up code); null when there is none.</param>
/// <param name="WrongCodes">Wrong receipt codes typed since <paramref name="WrongCodesSince"/> (throttles guessing).</param>
public sealed record ConversationState(
    string State,
    Language Language,
    AskerStatus Status,
    string? LastRuleId,
    IReadOnlyList<Button> Offered,
    PrivateState? Private = null,
    int WrongCodes = 0,
    DateTimeOffset? WrongCodesSince = null)
{
    public static ConversationState New(Language language) => new("Idle", language, AskerStatus.Unknown, null, []);
}
