using System.Globalization;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Dialogs.Subscription;

/// <summary>
/// /langganan: asks kabupaten/kota, then agency (each skippable; a question is left out when its list in
/// dialogs/segments.yaml is empty), then subscribes. The choices travel in the button payloads
/// ("sg:r:2", then "sg:a:5:2"), so the conversation keeps no extra state: while the last reply's buttons are these
/// choices, a typed answer is the name of one (see <see cref="ChoiceNameMatcher"/>) and never a new question.
/// </summary>
public static class SubscriptionChoices
{
    private const string RegencyPrefix = "sg:r:";
    private const string AgencyPrefix = "sg:a:";
    private const string Skip = "-";

    public static bool Owns(string payload) => payload.StartsWith("sg:", StringComparison.Ordinal);

    /// <summary>True while the last thing asked was the kabupaten/kota or agency question.</summary>
    public static bool IsAsking(IReadOnlyList<Button> offered) => offered.Count > 0 && offered.All(b => Owns(b.Payload));

    /// <summary>
    /// A typed answer to the question asked last (a number or an exact label was already resolved to its button): the
    /// choice it names, confirmed in the next reply; when it names none or several, say so and offer the same choices.
    /// </summary>
    public static StepOutcome Typed(DialogContent content, ConversationState state, string? text)
    {
        if (ChoiceNameMatcher.Find(text, [.. state.Offered.Select(b => b.Label)]) is { } index)
        {
            var picked = state.Offered[index];
            var outcome = Choose(content, state, picked.Payload);
            if (index == state.Offered.Count - 1)
            {
                // "Lewati" (always the last button): nothing to confirm.
                return outcome;
            }
            var note = content.Texts.Get(state.Language, TextKey.SubscribePicked, ("choice", picked.Label));
            return outcome with { Replies = [.. outcome.Replies.Select((r, i) => i == 0 ? r with { Text = note + "\n\n" + r.Text } : r)] };
        }
        return new StepOutcome(state, [new Reply(content.Texts.Get(state.Language, TextKey.SubscribeNoMatch), state.Offered)], [], null);
    }

    public static StepOutcome Begin(DialogContent content, ConversationState state) =>
        content.Regencies.Count > 0 ? AskRegency(content, state)
        : content.Agencies.Count > 0 ? AskAgency(content, state, Skip)
        : Subscribed(content, state, null, null);

    public static StepOutcome Choose(DialogContent content, ConversationState state, string payload)
    {
        if (payload.StartsWith(RegencyPrefix, StringComparison.Ordinal))
        {
            var regency = payload[RegencyPrefix.Length..];
            if (!Valid(regency, content.Regencies))
            {
                return Stale(content, state);
            }
            return content.Agencies.Count > 0 ? AskAgency(content, state, regency) : Subscribed(content, state, Pick(regency, content.Regencies), null);
        }
        var parts = payload[AgencyPrefix.Length..].Split(':');
        if (!payload.StartsWith(AgencyPrefix, StringComparison.Ordinal) || parts.Length != 2 || !Valid(parts[0], content.Agencies) || !Valid(parts[1], content.Regencies))
        {
            return Stale(content, state);
        }
        return Subscribed(content, state, Pick(parts[1], content.Regencies), Pick(parts[0], content.Agencies));
    }

    private static StepOutcome AskRegency(DialogContent content, ConversationState state) =>
        Ask(content, state, TextKey.SubscribeRegencyPrompt, content.Regencies.Select((r, i) => new Button(r, RegencyPrefix + Index(i))), RegencyPrefix + Skip);

    private static StepOutcome AskAgency(DialogContent content, ConversationState state, string regency) =>
        Ask(content, state, TextKey.SubscribeAgencyPrompt, content.Agencies.Select((a, i) => new Button(a, AgencyPrefix + Index(i) + ":" + regency)), AgencyPrefix + Skip + ":" + regency);

    private static StepOutcome Ask(DialogContent content, ConversationState state, string key, IEnumerable<Button> choices, string skipPayload)
    {
        var buttons = choices.Append(new Button(content.Texts.Get(state.Language, TextKey.ButtonSkip), skipPayload)).ToList();
        return new StepOutcome(state with { Offered = buttons }, [new Reply(content.Texts.Get(state.Language, key), buttons)], [], null);
    }

    private static StepOutcome Subscribed(DialogContent content, ConversationState state, string? regency, string? agency)
    {
        List<Button> buttons = [new Button(content.Texts.Get(state.Language, TextKey.ButtonMenu), Payloads.Menu)];
        return new StepOutcome(state with { Offered = buttons }, [new Reply(content.Texts.Get(state.Language, TextKey.Subscribed), buttons)], [new Subscribe(regency, agency)], null);
    }

    private static StepOutcome Stale(DialogContent content, ConversationState state) =>
        new(state, [new Reply(content.Texts.Get(state.Language, TextKey.StaleButton))], [], null);

    private static bool Valid(string index, IReadOnlyList<string> list) =>
        index == Skip || (int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < list.Count);

    private static string? Pick(string index, IReadOnlyList<string> list) => index == Skip ? null : list[int.Parse(index, CultureInfo.InvariantCulture)];

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
}
