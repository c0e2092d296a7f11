using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs.Guidance;
using NetralBot.Core.Dialogs.Report;
using NetralBot.Core.Dialogs.Subscription;
using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Dialogs;

/// <summary>
/// The entry point for every message: turns a typed number into the button it picks, routes /lapor and /status,
/// keeps the report and follow-up flows in private chats, and otherwise hands the message to the dialog that owns
/// the conversation's state.
/// </summary>
public static class ConversationDialog
{
    public static StepOutcome Step(DialogContent content, DialogSettings settings, DialogInputs inputs, ConversationState state, InboundMessage input)
    {
        var payload = input.Payload?.Trim() ?? PickedByNumber(input.Text, state.Offered);
        var (command, argument) = payload is null ? CommandText.Parse(input.Text) : (null, null);
        var inReport = ReportDialog.OwnsState(state.State);
        var inFollowUp = FollowUpDialog.OwnsState(state.State);
        var askingSubscription = SubscriptionChoices.IsAsking(state.Offered);

        if (command is "/batal" or "/cancel" || payload == Payloads.Cancel)
        {
            if (inReport || inFollowUp || state.Private is not null)
            {
                return Say(content, state with { State = "Idle", Private = null }, TextKey.ReportCancelled, MenuButton(content, state.Language));
            }
            if (askingSubscription)
            {
                return Say(content, state, TextKey.Cancelled, MenuButton(content, state.Language));
            }
        }
        if (command is "/lapor" or "/report" || payload is Payloads.Report or Payloads.ReportRestart)
        {
            if (input.IsGroupChat)
            {
                return GroupRefusal(content, state);
            }
            var unfinished = inReport && payload != Payloads.ReportRestart && ReportDialog.AnsweredParts(state) > 0;
            return unfinished ? ReportDialog.AskContinueOrRestart(content, inputs, state, input.Channel) : ReportDialog.Begin(content, inputs, state, input.Channel);
        }
        if (command is "/langganan" or "/subscribe")
        {
            return SubscriptionChoices.Begin(content, state);
        }
        if (payload is not null && SubscriptionChoices.Owns(payload))
        {
            return SubscriptionChoices.Choose(content, state, payload);
        }
        if (payload is null && command is null && askingSubscription)
        {
            // The kabupaten/kota or agency question was asked last: what is typed answers it, never a new question.
            return SubscriptionChoices.Typed(content, state, input.Text);
        }
        if (command is "/berhenti" or "/unsubscribe" or "/stop")
        {
            return Say(content, state, TextKey.Unsubscribed, MenuButton(content, state.Language)) with { Effects = [new Unsubscribe()] };
        }
        if (command is "/status")
        {
            return input.IsGroupChat ? GroupRefusal(content, state) : FollowUpDialog.Begin(content, inputs, state, argument);
        }
        if (payload is not null && Payloads.IsChecklist(payload, out var eventDate))
        {
            return Checklist(content, state, inputs, eventDate);
        }
        if (inReport)
        {
            if (state.Private?.Draft is null && state.State != nameof(ReportDialog.State.ReportNotice))
            {
                return Say(content, state with { State = "Idle", Private = null }, TextKey.ReportExpired, MenuButton(content, state.Language));
            }
            if (command is not null)
            {
                return Say(content, state, TextKey.ReportInProgress, state.Offered);
            }
            if (payload == Payloads.ReportResume)
            {
                return ReportDialog.Resume(content, inputs, state, input.Channel);
            }
            if (state.State == nameof(ReportDialog.State.ReportNotice) && payload is null && !input.HasAttachment
                && AnsweredInstead(content, settings, inputs, state, input) is { } answered)
            {
                return answered;
            }
            return ReportDialog.Step(content, inputs, state, input, payload);
        }
        if (inFollowUp && command is null && payload is not Payloads.Menu)
        {
            return FollowUpDialog.Step(content, inputs, state, input, payload);
        }

        var guidanceState = inFollowUp ? state with { State = "Idle", Private = null } : state;
        var outcome = GuidanceDialog.Step(content, settings, guidanceState, payload is null ? input : input with { Payload = payload }, inputs.Understood);
        if (outcome.Effects.OfType<StartReportFlow>().Any())
        {
            var report = input.IsGroupChat ? GroupRefusal(content, outcome.State) : ReportDialog.Begin(content, inputs, outcome.State, input.Channel);
            return report with
            {
                Effects = [.. outcome.Effects.Where(e => e is not StartReportFlow), .. report.Effects],
                Understood = outcome.Understood,
            };
        }
        return outcome;
    }

    /// <summary>
    /// A question typed at the report's notice instead of choosing "Lanjut" or "Batal": nothing of the report is written
    /// yet, so the question is answered and the report left (the notice again would leave the person stuck with
    /// their question). Null when the text is no question the bot can answer (a story, a word it does not know): then
    /// the notice is shown again.
    /// </summary>
    private static StepOutcome? AnsweredInstead(DialogContent content, DialogSettings settings, DialogInputs inputs, ConversationState state, InboundMessage input)
    {
        var outcome = GuidanceDialog.Step(content, settings, state with { State = "Idle", Private = null }, input, inputs.Understood);
        var answers = outcome.Understood?.Intent is Understanding.Intent.Guidance or Understanding.Intent.Clarify
            or Understanding.Intent.NotCovered or Understanding.Intent.OutOfScope;
        return answers && !outcome.Effects.OfType<StartReportFlow>().Any() ? outcome : null;
    }

    /// <summary>The official-report checklist: what Bawaslu needs, and the 7-day deadline from the event date.</summary>
    private static StepOutcome Checklist(DialogContent content, ConversationState state, DialogInputs inputs, DateOnly? eventDate)
    {
        var today = inputs.Today;
        var deadlineKey = TextKey.ChecklistDeadlineUnknown;
        var values = new List<(string, string)>();
        if (eventDate is { } date)
        {
            var deadline = date.AddDays(7);
            deadlineKey = deadline >= today ? TextKey.ChecklistDeadline : TextKey.ChecklistDeadlinePassed;
            values.Add(("deadline", deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            values.Add(("days", Math.Max(0, deadline.DayNumber - today.DayNumber).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        var text = content.Texts.Get(state.Language, TextKey.Checklist) + "\n\n" + content.Texts.Get(state.Language, deadlineKey, [.. values]);
        var buttons = MenuButton(content, state.Language);
        return new StepOutcome(state with { Offered = buttons }, [new Reply(text, buttons)], [], null);
    }

    private static StepOutcome GroupRefusal(DialogContent content, ConversationState state) =>
        Say(content, state, TextKey.ReportPrivateOnly, []);

    private static StepOutcome Say(DialogContent content, ConversationState state, string key, IReadOnlyList<Button> buttons) =>
        new(state with { Offered = buttons }, [new Reply(content.Texts.Get(state.Language, key), buttons)], [], null);

    private static List<Button> MenuButton(DialogContent content, Language language) =>
        [new Button(content.Texts.Get(language, TextKey.ButtonMenu), Payloads.Menu)];

    /// <summary>
    /// The payload of the offered button whose number was typed ("2", "2.", "2)"), or whose label or payload was sent
    /// as text (a web client's imBack sends the button's value as plain text); null otherwise.
    /// </summary>
    public static string? PickedByNumber(string? text, IReadOnlyList<Button> offered)
    {
        var trimmed = text?.Trim().TrimEnd('.', ')');
        if (int.TryParse(trimmed, out var n))
        {
            return n >= 1 && n <= offered.Count ? offered[n - 1].Payload : null;
        }
        var typed = text?.Trim();
        return string.IsNullOrEmpty(typed) ? null
            : offered.FirstOrDefault(b => b.Payload == typed || string.Equals(b.Label, typed, StringComparison.OrdinalIgnoreCase)
                || Words(b.Label).Equals(typed, StringComparison.OrdinalIgnoreCase))?.Payload;
    }

    /// <summary>A button's label from its first letter or digit: "lanjut" typed picks "✅ Lanjut".</summary>
    private static ReadOnlySpan<char> Words(string label)
    {
        var start = 0;
        while (start < label.Length && !char.IsLetterOrDigit(label[start]))
        {
            start++;
        }
        return label.AsSpan(start);
    }
}
