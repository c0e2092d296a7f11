using System.Text.RegularExpressions;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Tips;
using Stateless;

namespace NetralBot.Core.Dialogs.Report;

/// <summary>
/// The anonymous tip: notice, category, who, agency, regency, place, when, what, evidence, review, send.
/// The draft lives in the encrypted private state; /batal deletes it. Nothing here logs or keeps who is writing.
/// </summary>
public sealed partial class ReportDialog
{
    /// <summary>Report states. Member names are persisted: renaming one needs a data migration.</summary>
    public enum State
    {
        ReportNotice,
        ReportCategory,
        ReportWho,
        ReportAgency,
        ReportRegency,
        ReportPlace,
        ReportWhen,
        ReportWhat,
        ReportEvidence,
        ReportReview,
        ReportChooseField,
        ReportDone,
        /// <summary>The "when" answer named a period or could not be read: pick the date from buttons (asked once).</summary>
        ReportWhenConfirm,
        /// <summary>The story was too short: it is kept and the next message is added to it; then the evidence.</summary>
        ReportWhatMore,
        /// <summary>As <see cref="ReportWhatMore"/>, while changing the story from the summary; then back to the summary.</summary>
        ReportWhatMoreEditing,
    }

    public enum Trigger
    {
        Continue,
        Answer,
        Review,
        ChangeField,
        PickField,
        Send,
        AskDate,
        TooShort,
    }

    public const int MinWhatLength = 40;
    public const int MaxTextLength = 4000;
    public const int MaxEvidence = 10;

    /// <summary>The fields in the order they are asked.</summary>
    private static readonly State[] Fields =
    [
        State.ReportCategory, State.ReportWho, State.ReportAgency, State.ReportRegency, State.ReportPlace,
        State.ReportWhen, State.ReportWhat, State.ReportEvidence,
    ];

    private readonly DialogContent _content;
    private readonly DialogInputs _inputs;
    private readonly Language _language;
    private readonly List<Reply> _replies = [];
    private readonly List<DialogEffect> _effects = [];
    private readonly StateMachine<State, Trigger> _machine;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<State> _pickField;
    private readonly string _channel;
    private State _state;
    private TipDraft? _draft;
    private bool _editing;

    private ReportDialog(DialogContent content, DialogInputs inputs, ConversationState state, State initial, string channel)
    {
        _content = content;
        _channel = channel;
        _inputs = inputs;
        _language = state.Language;
        _state = initial;
        _draft = state.Private?.Draft;
        _editing = _draft is not null && _state != State.ReportNotice && IsComplete(_draft) && _state != State.ReportEvidence;
        _machine = new StateMachine<State, Trigger>(() => _state, s => _state = s);
        _pickField = _machine.SetTriggerParameters<State>(Trigger.PickField);
        Configure();
    }

    /// <summary>The machine as a Mermaid state diagram (docs/report-dialog.mmd is generated from it).</summary>
    public static string Diagram(DialogContent content) =>
        Stateless.Graph.MermaidGraph.Format(new ReportDialog(content, DialogInputs.GuidanceOnly(DateTimeOffset.UnixEpoch), ConversationState.New(Language.Indonesian), State.ReportNotice, "console")._machine.GetInfo());

    public static bool OwnsState(string name) => Enum.TryParse<State>(name, ignoreCase: false, out var s) && Enum.IsDefined(s);

    /// <summary>Starts a report: the notice about what is and is not stored, and what the channel itself can see.</summary>
    public static StepOutcome Begin(DialogContent content, DialogInputs inputs, ConversationState state, string channel)
    {
        var dialog = new ReportDialog(content, inputs, state with { Private = null }, State.ReportNotice, channel);
        if (!inputs.TipsAllowed)
        {
            dialog.Say(TextKey.ReportLimit, [new Button(dialog.Text(TextKey.ButtonMenu), Payloads.Menu)]);
            dialog._state = State.ReportDone;
            return dialog.Outcome(state);
        }
        dialog._draft = TipDraft.Empty;
        dialog.SayNotice();
        return dialog.Outcome(state);
    }

    /// <summary>The notice, with what this channel itself can see (report_notice_limit_telegram, …).</summary>
    private void SayNotice()
    {
        var limitKey = TextKey.ReportNoticeLimit + "_" + _channel;
        var limit = Text(TextKey.All.Contains(limitKey) ? limitKey : TextKey.ReportNoticeLimit);
        Say(TextKey.ReportNotice,
        [
            new Button(Text(TextKey.ButtonContinue), Payloads.Continue),
            new Button(Text(TextKey.ButtonCancel), Payloads.Cancel),
        ], ("channel_limit", limit));
    }

    /// <summary>The number of parts of an unsent draft that are filled in (0 for none or no draft).</summary>
    public static int AnsweredParts(ConversationState state) => state.Private?.Draft is not { } d ? 0
        : new object?[] { d.Category, d.Who, d.Agency, d.Regency, d.Place, d.WhenText, d.What }.Count(v => v is not null) + (d.Evidence.Count > 0 ? 1 : 0);

    /// <summary>/lapor while a draft has answers: continue it or start over, never empty it silently.</summary>
    public static StepOutcome AskContinueOrRestart(DialogContent content, DialogInputs inputs, ConversationState state, string channel)
    {
        var dialog = new ReportDialog(content, inputs, state, Enum.Parse<State>(state.State), channel);
        dialog.Say(TextKey.ReportContinueOrRestart,
        [
            new Button(dialog.Text(TextKey.ButtonResume), Payloads.ReportResume),
            new Button(dialog.Text(TextKey.ButtonRestart), Payloads.ReportRestart),
        ], ("count", AnsweredParts(state).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return dialog.Outcome(state);
    }

    /// <summary>Continues a draft where it was: the current question again.</summary>
    public static StepOutcome Resume(DialogContent content, DialogInputs inputs, ConversationState state, string channel)
    {
        var dialog = new ReportDialog(content, inputs, state, Enum.Parse<State>(state.State), channel);
        dialog.Prompt(dialog._state);
        return dialog.Outcome(state);
    }

    public static StepOutcome Step(DialogContent content, DialogInputs inputs, ConversationState state, InboundMessage input, string? payload)
    {
        var dialog = new ReportDialog(content, inputs, state, Enum.Parse<State>(state.State), input.Channel);
        dialog._draft ??= TipDraft.Empty;
        dialog.Handle(input, payload);
        return dialog.Outcome(state);
    }

    private StepOutcome Outcome(ConversationState before)
    {
        var offered = _replies.LastOrDefault()?.Buttons ?? [];
        var done = _state == State.ReportDone;
        var next = before with
        {
            State = done ? "Idle" : _state.ToString(),
            Offered = offered,
            Private = done ? null : new PrivateState(_draft, null),
        };
        return new StepOutcome(next, _replies, _effects, null);
    }

    private void Configure()
    {
        _machine.Configure(State.ReportNotice)
            .Permit(Trigger.Continue, State.ReportCategory);

        for (var i = 0; i < Fields.Length; i++)
        {
            var field = Fields[i];
            var next = i + 1 < Fields.Length ? Fields[i + 1] : State.ReportReview;
            _machine.Configure(field)
                .OnEntry(() => Prompt(field))
                .PermitDynamic(Trigger.Answer, () => _editing && field != State.ReportEvidence ? State.ReportReview : next)
                .Permit(Trigger.Review, State.ReportReview);
        }

        _machine.Configure(State.ReportWhen)
            .Permit(Trigger.AskDate, State.ReportWhenConfirm);

        _machine.Configure(State.ReportWhenConfirm)
            .OnEntry(ShowDateChoice)
            .PermitDynamic(Trigger.Answer, () => _editing ? State.ReportReview : State.ReportWhat);

        _machine.Configure(State.ReportWhat)
            .PermitDynamic(Trigger.TooShort, () => _editing ? State.ReportWhatMoreEditing : State.ReportWhatMore);

        _machine.Configure(State.ReportWhatMore)
            .OnEntry(ShowStorySoFar)
            .PermitReentry(Trigger.TooShort)
            .Permit(Trigger.Answer, State.ReportEvidence);

        _machine.Configure(State.ReportWhatMoreEditing)
            .OnEntry(ShowStorySoFar)
            .PermitReentry(Trigger.TooShort)
            .Permit(Trigger.Answer, State.ReportReview);

        _machine.Configure(State.ReportReview)
            .OnEntry(ShowReview)
            .Permit(Trigger.ChangeField, State.ReportChooseField)
            .Permit(Trigger.Send, State.ReportDone);

        _machine.Configure(State.ReportChooseField)
            .OnEntry(ShowFieldChoice)
            .PermitDynamic(_pickField, field => field)
            .Permit(Trigger.Review, State.ReportReview);

        _machine.Configure(State.ReportDone)
            .OnEntryFrom(Trigger.Send, SendTip);

        _machine.OnUnhandledTrigger((state, _) => Prompt(state));
    }

    private void Prompt(State state)
    {
        switch (state)
        {
            case State.ReportNotice:
                SayNotice();
                break;
            case State.ReportCategory:
                Say(TextKey.ReportCategoryPrompt, Enum.GetValues<TipCategory>().Select(c => new Button(TipSummary.CategoryName(_content, _language, c), CategoryPrefix + c)).ToList());
                break;
            case State.ReportWho:
                Say(TextKey.ReportWhoPrompt, [SkipButton(TextKey.ButtonDontKnow)]);
                break;
            case State.ReportAgency:
                Say(TextKey.ReportAgencyPrompt, [SkipButton(TextKey.ButtonDontKnow)]);
                break;
            case State.ReportRegency:
                Say(TextKey.ReportRegencyPrompt, [SkipButton(TextKey.ButtonDontKnow)]);
                break;
            case State.ReportPlace:
                Say(TextKey.ReportPlacePrompt, [SkipButton(TextKey.ButtonSkip)]);
                break;
            case State.ReportWhen:
                Say(TextKey.ReportWhenPrompt, []);
                break;
            case State.ReportWhenConfirm:
                ShowDateChoice();
                break;
            case State.ReportWhat:
                Say(TextKey.ReportWhatPrompt, []);
                break;
            case State.ReportWhatMore or State.ReportWhatMoreEditing:
                ShowStorySoFar();
                break;
            case State.ReportEvidence:
                Say(TextKey.ReportEvidencePrompt, EvidenceButtons());
                break;
            case State.ReportReview:
                ShowReview();
                break;
            case State.ReportChooseField:
                ShowFieldChoice();
                break;
        }
    }

    private void ShowReview()
    {
        _editing = true;
        _replies.Add(new Reply(Text(TextKey.ReportReviewTitle) + "\n\n" + TipSummary.Format(_content, _language, _draft!),
        [
            new Button(Text(TextKey.ButtonSend), Payloads.Send),
            new Button(Text(TextKey.ButtonChange), Payloads.Change),
            new Button(Text(TextKey.ButtonCancel), Payloads.Cancel),
        ]));
    }

    private void ShowFieldChoice()
    {
        var buttons = Fields.Select(f => new Button(TipSummary.FieldName(_content, _language, f), FieldPrefix + f)).ToList();
        buttons.Add(new Button(Text(TextKey.ButtonBackToReview), BackToReview));
        Say(TextKey.ReportChooseField, buttons);
    }

    private List<Button> EvidenceButtons() => [new Button(Text(TextKey.ButtonDone), Payloads.Done)];

    private Button SkipButton(string labelKey) => new(Text(labelKey), Payloads.Skip);

    /// <summary>Every required answer given: a field asked again now is a change from the summary. The regency may be "Tidak tahu".</summary>
    private static bool IsComplete(TipDraft draft) => draft.Category is not null && draft.WhenText is not null && draft.What is { Length: >= MinWhatLength };

    private static bool IsDoneWord(string text) => text.Trim().ToLowerInvariant() is "selesai" or "sudah" or "udah" or "done" or "lewati" or "skip" or "tidak ada" or "gak ada" or "ga ada";

    private string Text(string key) => _content.Texts.Get(_language, key);

    private void Say(string key, IReadOnlyList<Button> buttons, params (string Name, string Value)[] values) =>
        _replies.Add(new Reply(_content.Texts.Get(_language, key, values), buttons));

    private const string CategoryPrefix = "tc:";
    private const string FieldPrefix = "tf:";
    /// <summary>The edit list's back button; any input there that is not a field returns to the summary too.</summary>
    private const string BackToReview = "summary";

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();
}
