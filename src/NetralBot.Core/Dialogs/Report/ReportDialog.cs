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
    }

    public enum Trigger
    {
        Continue,
        Answer,
        Review,
        ChangeField,
        PickField,
        Send,
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
    private State _state;
    private TipDraft? _draft;
    private bool _editing;

    private ReportDialog(DialogContent content, DialogInputs inputs, ConversationState state, State initial)
    {
        _content = content;
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
        Stateless.Graph.MermaidGraph.Format(new ReportDialog(content, DialogInputs.GuidanceOnly(DateTimeOffset.UnixEpoch), ConversationState.New(Language.Indonesian), State.ReportNotice)._machine.GetInfo());

    public static bool OwnsState(string name) => Enum.TryParse<State>(name, ignoreCase: false, out var s) && Enum.IsDefined(s);

    /// <summary>Starts a report: the notice about what is and is not stored.</summary>
    public static StepOutcome Begin(DialogContent content, DialogInputs inputs, ConversationState state)
    {
        var dialog = new ReportDialog(content, inputs, state with { Private = null }, State.ReportNotice);
        if (!inputs.TipsAllowed)
        {
            dialog.Say(TextKey.ReportLimit, [new Button(dialog.Text(TextKey.ButtonMenu), Payloads.Menu)]);
            dialog._state = State.ReportDone;
            return dialog.Outcome(state);
        }
        dialog._draft = TipDraft.Empty;
        dialog.Say(TextKey.ReportNotice,
        [
            new Button(dialog.Text(TextKey.ButtonContinue), Payloads.Continue),
            new Button(dialog.Text(TextKey.ButtonCancel), Payloads.Cancel),
        ]);
        return dialog.Outcome(state);
    }

    public static StepOutcome Step(DialogContent content, DialogInputs inputs, ConversationState state, InboundMessage input, string? payload)
    {
        var dialog = new ReportDialog(content, inputs, state, Enum.Parse<State>(state.State));
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

    private void Handle(InboundMessage input, string? payload)
    {
        var text = input.Text?.Trim() ?? "";
        if (payload == Payloads.Continue && _state == State.ReportNotice)
        {
            _machine.Fire(Trigger.Continue);
            return;
        }
        switch (_state)
        {
            case State.ReportNotice:
                Prompt(State.ReportNotice);
                return;
            case State.ReportReview:
                ReviewInput(payload);
                return;
            case State.ReportChooseField:
                if (payload is not null && payload.StartsWith(FieldPrefix, StringComparison.Ordinal) && Enum.TryParse<State>(payload[FieldPrefix.Length..], out var field) && Fields.Contains(field))
                {
                    _editing = true;
                    _machine.Fire(_pickField, field);
                }
                else
                {
                    _machine.Fire(Trigger.Review);
                }
                return;
            case State.ReportEvidence:
                EvidenceInput(input, text, payload);
                return;
            case State.ReportCategory:
                if (payload is not null && payload.StartsWith(CategoryPrefix, StringComparison.Ordinal) && Enum.TryParse<TipCategory>(payload[CategoryPrefix.Length..], out var category))
                {
                    _draft = _draft! with { Category = category };
                    _machine.Fire(Trigger.Answer);
                }
                else
                {
                    Say(TextKey.ReportPickCategory, []);
                    Prompt(State.ReportCategory);
                }
                return;
            default:
                TextFieldInput(text, payload, input.HasAttachment);
                return;
        }
    }

    private void TextFieldInput(string text, string? payload, bool hasAttachment)
    {
        var skipped = payload == Payloads.Skip;
        if (!skipped && text.Length == 0)
        {
            Say(hasAttachment ? TextKey.ReportTextPlease : TextKey.EmptyMessage, []);
            Prompt(_state);
            return;
        }
        if (text.Length > MaxTextLength)
        {
            Say(TextKey.ReportTooLong, [], ("max", MaxTextLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Prompt(_state);
            return;
        }
        var value = skipped ? null : text;
        switch (_state)
        {
            case State.ReportWho:
                _draft = _draft! with { Who = value };
                break;
            case State.ReportAgency:
                _draft = _draft! with { Agency = value };
                break;
            case State.ReportRegency:
                if (value is null)
                {
                    Prompt(_state);
                    return;
                }
                _draft = _draft! with { Regency = value };
                break;
            case State.ReportPlace:
                _draft = _draft! with { Place = value };
                break;
            case State.ReportWhen:
                if (value is null)
                {
                    Prompt(_state);
                    return;
                }
                _draft = _draft! with { WhenText = value, WhenDate = WhenParser.Parse(value, DateOnly.FromDateTime(_inputs.Now.UtcDateTime)) };
                break;
            case State.ReportWhat:
                if (value is null || value.Length < MinWhatLength)
                {
                    // Keep what was written and ask for more, rather than losing it.
                    _draft = _draft! with { What = value ?? _draft.What };
                    Say(TextKey.ReportWhatShort, [], ("min", MinWhatLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    return;
                }
                _draft = _draft! with { What = value };
                break;
        }
        _machine.Fire(Trigger.Answer);
    }

    private void EvidenceInput(InboundMessage input, string text, string? payload)
    {
        if (payload is Payloads.Done or Payloads.Skip || IsDoneWord(text))
        {
            _machine.Fire(Trigger.Answer);
            return;
        }
        if (input.Attachment is { } attachment)
        {
            AddFile(attachment);
            return;
        }
        if (input.HasAttachment)
        {
            Say(TextKey.ReportFilesNotYet, EvidenceButtons());
            return;
        }
        var links = UrlPattern().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ')')).Distinct(StringComparer.Ordinal).ToList();
        if (links.Count == 0)
        {
            Say(TextKey.ReportEvidenceHint, EvidenceButtons());
            return;
        }
        var evidence = _draft!.Evidence.Concat(links.Select(Evidence.FromLink)).Take(MaxEvidence).ToList();
        _draft = _draft with { Evidence = evidence };
        Say(TextKey.ReportEvidenceAdded, EvidenceButtons(), ("count", evidence.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private void AddFile(Attachment attachment)
    {
        if (_draft!.Evidence.Count >= MaxEvidence)
        {
            Say(TextKey.ReportEvidenceAdded, EvidenceButtons(), ("count", _draft.Evidence.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return;
        }
        switch (EvidencePolicy.Check(attachment))
        {
            case EvidencePolicy.Verdict.Accepted:
                var fileId = EvidencePolicy.NewFileId(_inputs.RandomBytes);
                // The person's own file name may name them ("IMG_budi.jpg"): keep a neutral one.
                var name = $"{(EvidencePolicy.IsDocument(attachment) ? "dokumen" : "foto")}-{_draft.Evidence.Count(e => e.IsFile) + 1}";
                _draft = _draft with { Evidence = [.. _draft.Evidence, new Evidence(null, fileId, name, attachment.MimeType, attachment.Content.Length)] };
                _effects.Add(new StoreEvidenceFile(fileId, attachment));
                Say(TextKey.ReportEvidenceAdded, EvidenceButtons(), ("count", _draft.Evidence.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                break;
            case EvidencePolicy.Verdict.TooLarge:
                Say(TextKey.ReportFileTooLarge, EvidenceButtons(), ("max", (EvidencePolicy.MaxBytes / 1024 / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                break;
            default:
                Say(TextKey.ReportFileUnsupported, EvidenceButtons());
                break;
        }
    }

    private void ReviewInput(string? payload)
    {
        switch (payload)
        {
            case Payloads.Send:
                _machine.Fire(Trigger.Send);
                break;
            case Payloads.Change:
                _machine.Fire(Trigger.ChangeField);
                break;
            default:
                ShowReview();
                break;
        }
    }

    private void SendTip()
    {
        var code = ReceiptCode.From(_inputs.RandomBytes(ReceiptCode.RandomBytes));
        _effects.Add(new SubmitTip(_draft!, code));
        var buttons = new List<Button>
        {
            new(Text(TextKey.ButtonChecklist), Payloads.Checklist(_draft!.WhenDate)),
            new(Text(TextKey.ButtonMenu), Payloads.Menu),
        };
        Say(TextKey.ReportSent, buttons, ("code", code));
        _draft = null;
    }

    private void Prompt(State state)
    {
        switch (state)
        {
            case State.ReportNotice:
                Say(TextKey.ReportNotice, [new Button(Text(TextKey.ButtonContinue), Payloads.Continue), new Button(Text(TextKey.ButtonCancel), Payloads.Cancel)]);
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
                Say(TextKey.ReportRegencyPrompt, []);
                break;
            case State.ReportPlace:
                Say(TextKey.ReportPlacePrompt, [SkipButton(TextKey.ButtonSkip)]);
                break;
            case State.ReportWhen:
                Say(TextKey.ReportWhenPrompt, []);
                break;
            case State.ReportWhat:
                Say(TextKey.ReportWhatPrompt, []);
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
        buttons.Add(new Button(Text(TextKey.ButtonBack), Payloads.Menu));
        Say(TextKey.ReportChooseField, buttons);
    }

    private List<Button> EvidenceButtons() => [new Button(Text(TextKey.ButtonDone), Payloads.Done)];

    private Button SkipButton(string labelKey) => new(Text(labelKey), Payloads.Skip);

    private static bool IsComplete(TipDraft draft) => draft.Category is not null && draft.Regency is not null && draft.WhenText is not null && draft.What is { Length: >= MinWhatLength };

    private static bool IsDoneWord(string text) => text.Trim().ToLowerInvariant() is "selesai" or "sudah" or "udah" or "done" or "lewati" or "skip" or "tidak ada" or "gak ada" or "ga ada";

    private string Text(string key) => _content.Texts.Get(_language, key);

    private void Say(string key, IReadOnlyList<Button> buttons, params (string Name, string Value)[] values) =>
        _replies.Add(new Reply(_content.Texts.Get(_language, key, values), buttons));

    private const string CategoryPrefix = "tc:";
    private const string FieldPrefix = "tf:";

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();
}
