using System.Globalization;
using System.Text;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Tips;
using Stateless;

namespace NetralBot.Core.Dialogs.Report;

/// <summary>
/// /status: the tipster gives the receipt code, sees the status and the reviewers' messages, and may add
/// information. Right and wrong codes get replies of the same shape after the same delay; guessing is throttled.
/// </summary>
public sealed class FollowUpDialog
{
    /// <summary>Follow-up states. Member names are persisted: renaming one needs a data migration.</summary>
    public enum State
    {
        FollowUpCode,
        FollowUpShowing,
        FollowUpAddInfo,
        FollowUpDone,
    }

    public enum Trigger
    {
        Found,
        NotFound,
        AddInfo,
        Added,
    }

    /// <summary>Every lookup answers after this long, found or not.</summary>
    public static readonly TimeSpan LookupDelay = TimeSpan.FromSeconds(1.5);

    public const int MaxWrongCodes = 5;
    public static readonly TimeSpan WrongCodeWindow = TimeSpan.FromHours(1);

    private readonly DialogContent _content;
    private readonly DialogInputs _inputs;
    private readonly ConversationState _before;
    private readonly List<Reply> _replies = [];
    private readonly List<DialogEffect> _effects = [];
    private readonly StateMachine<State, Trigger> _machine;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<TipView> _found;
    private State _state;
    private string? _code;
    private int _wrongCodes;
    private DateTimeOffset? _wrongSince;

    private FollowUpDialog(DialogContent content, DialogInputs inputs, ConversationState state, State initial)
    {
        _content = content;
        _inputs = inputs;
        _before = state;
        _state = initial;
        _code = state.Private?.FollowUpCode;
        var windowOpen = state.WrongCodesSince is { } since && inputs.Now - since < WrongCodeWindow;
        _wrongCodes = windowOpen ? state.WrongCodes : 0;
        _wrongSince = windowOpen ? state.WrongCodesSince : null;
        _machine = new StateMachine<State, Trigger>(() => _state, s => _state = s);
        _found = _machine.SetTriggerParameters<TipView>(Trigger.Found);
        Configure();
    }

    /// <summary>The machine as a Mermaid state diagram (docs/follow-up-dialog.mmd is generated from it).</summary>
    public static string Diagram(DialogContent content) =>
        Stateless.Graph.MermaidGraph.Format(new FollowUpDialog(content, DialogInputs.GuidanceOnly(DateTimeOffset.UnixEpoch), ConversationState.New(Language.Indonesian), State.FollowUpCode)._machine.GetInfo());

    public static bool OwnsState(string name) => Enum.TryParse<State>(name, ignoreCase: false, out var s) && Enum.IsDefined(s);

    /// <summary>/status or /status KODE.</summary>
    public static StepOutcome Begin(DialogContent content, DialogInputs inputs, ConversationState state, string? code)
    {
        var dialog = new FollowUpDialog(content, inputs, state with { Private = null }, State.FollowUpCode);
        if (string.IsNullOrWhiteSpace(code))
        {
            dialog.Say(TextKey.StatusPrompt, [dialog.MenuButton()]);
        }
        else
        {
            dialog.LookUp(code);
        }
        return dialog.Outcome();
    }

    public static StepOutcome Step(DialogContent content, DialogInputs inputs, ConversationState state, InboundMessage input, string? payload)
    {
        var dialog = new FollowUpDialog(content, inputs, state, Enum.Parse<State>(state.State));
        dialog.Handle(input.Text?.Trim() ?? "", payload, input.Attachment);
        return dialog.Outcome();
    }

    private void Configure()
    {
        _machine.Configure(State.FollowUpCode)
            .PermitReentry(Trigger.NotFound)
            .Permit(Trigger.Found, State.FollowUpShowing);
        _machine.Configure(State.FollowUpShowing)
            .OnEntryFrom(_found, Show)
            .Permit(Trigger.AddInfo, State.FollowUpAddInfo)
            .Permit(Trigger.NotFound, State.FollowUpCode)
            .PermitReentry(Trigger.Found);
        _machine.Configure(State.FollowUpAddInfo)
            .OnEntry(() => Say(TextKey.StatusAddPrompt, [MenuButton()]))
            .Permit(Trigger.Added, State.FollowUpDone);
        _machine.Configure(State.FollowUpDone)
            .OnEntry(() => Say(TextKey.StatusAdded, [new Button(Text(TextKey.ButtonMenu), Payloads.Menu)]));
        _machine.OnUnhandledTrigger((_, _) => Say(TextKey.StatusPrompt, [MenuButton()]));
    }

    private void Handle(string text, string? payload, Attachment? attachment)
    {
        switch (_state)
        {
            case State.FollowUpAddInfo when _code is not null && attachment is not null:
                if (EvidencePolicy.Check(attachment) != EvidencePolicy.Verdict.Accepted)
                {
                    Say(TextKey.ReportFileUnsupported, [MenuButton()]);
                    return;
                }
                _effects.Add(new StoreEvidenceFile(EvidencePolicy.NewFileId(_inputs.RandomBytes), attachment, _code));
                _effects.Add(new AddTipInformation(_code, text.Length > 0 ? "[foto] " + text : "[foto]"));
                _machine.Fire(Trigger.Added);
                return;
            case State.FollowUpShowing when payload == Payloads.AddInfo && _code is not null:
                _machine.Fire(Trigger.AddInfo);
                return;
            case State.FollowUpAddInfo when _code is not null && text.Length > 0:
                _effects.Add(new AddTipInformation(_code, text.Length > ReportDialog.MaxTextLength ? text[..ReportDialog.MaxTextLength] : text));
                _machine.Fire(Trigger.Added);
                return;
            case State.FollowUpAddInfo:
                Say(TextKey.StatusAddPrompt, [MenuButton()]);
                return;
            default:
                if (payload == Payloads.AddInfo || text.Length == 0)
                {
                    Say(TextKey.StatusPrompt, [MenuButton()]);
                    return;
                }
                LookUp(text);
                return;
        }
    }

    private void LookUp(string typed)
    {
        if (_wrongCodes >= MaxWrongCodes)
        {
            Say(TextKey.StatusThrottled, [MenuButton()]);
            return;
        }
        _effects.Add(new DelayReply(LookupDelay));
        var code = ReceiptCode.Normalize(typed);
        var tip = code is null ? null : _inputs.FindTip(code);
        if (tip is null)
        {
            _wrongCodes++;
            _wrongSince ??= _inputs.Now;
            _code = null;
            _machine.Fire(Trigger.NotFound);
            Say(TextKey.StatusNotFound, [new Button(Text(TextKey.ButtonTryAgain), Payloads.Retry), MenuButton()]);
            return;
        }
        _code = code;
        _machine.Fire(_found, tip);
    }

    private void Show(TipView tip)
    {
        var sb = new StringBuilder(_content.Texts.Get(_before.Language, TextKey.StatusShown,
            ("status", TipSummary.StatusName(_content, _before.Language, tip.Status)),
            ("date", tip.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        if (tip.StatusReason is { } reason)
        {
            sb.Append("\n\n").Append(Text(TextKey.StatusReason)).Append(' ').Append(reason);
        }
        var messages = tip.Messages.Where(m => m.FromReviewer).ToList();
        if (messages.Count > 0)
        {
            sb.Append("\n\n**").Append(Text(TextKey.StatusMessages)).Append("**");
            foreach (var message in messages)
            {
                sb.Append("\n• ").Append(message.At.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(": ").Append(message.Text);
            }
        }
        _replies.Add(new Reply(sb.ToString(), [new Button(Text(TextKey.ButtonAddInfo), Payloads.AddInfo), MenuButton()]));
    }

    private StepOutcome Outcome()
    {
        var done = _state == State.FollowUpDone || (_state == State.FollowUpCode && _wrongCodes >= MaxWrongCodes);
        var next = _before with
        {
            State = done ? "Idle" : _state.ToString(),
            Offered = _replies.LastOrDefault()?.Buttons ?? [],
            Private = done || _code is null ? null : new PrivateState(null, _code),
            WrongCodes = _wrongCodes,
            WrongCodesSince = _wrongSince,
        };
        return new StepOutcome(next, _replies, _effects, null);
    }

    private Button MenuButton() => new(Text(TextKey.ButtonMenu), Payloads.Menu);

    private string Text(string key) => _content.Texts.Get(_before.Language, key);

    private void Say(string key, IReadOnlyList<Button> buttons) => _replies.Add(new Reply(Text(key), buttons));
}
