using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Understanding;
using Stateless;

namespace NetralBot.Core.Dialogs.Guidance;

/// <summary>
/// The "boleh tidak?" conversation: menu, topics, questions, clarification and answers. A step is (state, input) →
/// (state, replies, effects). Building the state machine costs more than a step, so each thread keeps one instance per
/// dialogs set and settings and starts every step from the persisted state (a step is synchronous: nothing else runs
/// on the thread in between, and an instance is never shared between threads).
/// </summary>
public sealed partial class GuidanceDialog
{
    /// <summary>Dialog states. Member names are persisted: renaming one needs a data migration.</summary>
    public enum State
    {
        Idle,
        Menu,
        Category,
        AwaitingQuestion,
        Clarifying,
        ShowingAnswer,
        ChoosingLanguage,
    }

    public enum Trigger
    {
        Start,
        ShowMenu,
        ShowHelp,
        OpenCategory,
        PromptQuestion,
        Answer,
        Clarify,
        NotUnderstood,
        DeclineChoices,
        Cancel,
        ChooseLanguage,
        SetLanguage,
        Report,
        Greet,
        Thank,
        OutOfScope,
        NotCovered,
        ShowMore,
    }

    private static readonly (Trigger Trigger, State Destination)[] Anywhere =
    [
        (Trigger.Start, State.Menu),
        (Trigger.ShowMenu, State.Menu),
        (Trigger.OpenCategory, State.Category),
        (Trigger.PromptQuestion, State.AwaitingQuestion),
        (Trigger.Answer, State.ShowingAnswer),
        (Trigger.Clarify, State.Clarifying),
        (Trigger.NotUnderstood, State.AwaitingQuestion),
        (Trigger.ChooseLanguage, State.ChoosingLanguage),
        (Trigger.SetLanguage, State.Menu),
        (Trigger.ShowHelp, State.Idle),
        (Trigger.Greet, State.Idle),
        (Trigger.Thank, State.Idle),
        (Trigger.OutOfScope, State.Idle),
        (Trigger.NotCovered, State.Idle),
        (Trigger.ShowMore, State.ShowingAnswer),
        (Trigger.Report, State.Idle),
        (Trigger.Cancel, State.Idle),
    ];

    private readonly DialogContent _content;
    private readonly DialogSettings _settings;
    [ThreadStatic]
    private static GuidanceDialog? t_reused;

    private List<Reply> _replies = [];
    private List<DialogEffect> _effects = [];
    private readonly StateMachine<State, Trigger> _machine;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<Rule> _answer;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<Rule> _more;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<IReadOnlyList<Rule>> _clarify;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<Category> _openCategory;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<Language> _setLanguage;
    private readonly StateMachine<State, Trigger>.TriggerWithParameters<NotCoveredReason> _notCovered;
    private State _state;
    private Language _language;
    private AskerStatus _status;
    private string? _lastRuleId;
    private IReadOnlyList<Rule> _alternatives = [];
    private PreUnderstood? _preUnderstood;

    private GuidanceDialog(DialogContent content, DialogSettings settings)
    {
        _content = content;
        _settings = settings;
        _machine = new StateMachine<State, Trigger>(() => _state, s => _state = s);
        _answer = _machine.SetTriggerParameters<Rule>(Trigger.Answer);
        _more = _machine.SetTriggerParameters<Rule>(Trigger.ShowMore);
        _clarify = _machine.SetTriggerParameters<IReadOnlyList<Rule>>(Trigger.Clarify);
        _openCategory = _machine.SetTriggerParameters<Category>(Trigger.OpenCategory);
        _setLanguage = _machine.SetTriggerParameters<Language>(Trigger.SetLanguage);
        _notCovered = _machine.SetTriggerParameters<NotCoveredReason>(Trigger.NotCovered);
        Configure();
    }

    /// <summary>Starts a step from the persisted state; the replies and effects lists are new, as the outcome keeps them.</summary>
    private void Begin(ConversationState state)
    {
        _state = IsKnownState(state.State) ? Enum.Parse<State>(state.State) : State.Idle;
        _language = state.Language;
        _status = state.Status;
        _lastRuleId = state.LastRuleId;
        _alternatives = [];
        _replies = [];
        _effects = [];
    }

    /// <summary>The machine as a Mermaid state diagram (docs/guidance-dialog.mmd is generated from it).</summary>
    public static string Diagram(DialogContent content) =>
        Stateless.Graph.MermaidGraph.Format(new GuidanceDialog(content, new DialogSettings(""))._machine.GetInfo());

    /// <summary>True when the stored state name is one this dialog knows (unknown names restart at Idle).</summary>
    public static bool IsKnownState(string name) => Enum.TryParse<State>(name, ignoreCase: false, out var s) && Enum.IsDefined(s);

    /// <param name="preUnderstood">The message's text already understood (<see cref="DialogInputs.Understood"/>), if it was.</param>
    public static StepOutcome Step(DialogContent content, DialogSettings settings, ConversationState state, InboundMessage input, PreUnderstood? preUnderstood = null)
    {
        var dialog = t_reused is { } reused && reused._content == content && reused._settings == settings
            ? reused
            : t_reused = new GuidanceDialog(content, settings);
        dialog.Begin(state);
        dialog._preUnderstood = preUnderstood;
        var understood = dialog.Handle(input);
        var offered = dialog._replies.LastOrDefault()?.Buttons ?? [];
        var next = new ConversationState(dialog._state.ToString(), dialog._language, dialog._status, dialog._lastRuleId, offered);
        return new StepOutcome(next, dialog._replies, dialog._effects, understood);
    }

    private void Configure()
    {
        // What a person may do from anywhere. A self-transition is a reentry so its entry action runs
        // (Stateless skips entry actions when a superstate's Permit leads back to the current substate).
        foreach (var state in Enum.GetValues<State>())
        {
            var configuration = _machine.Configure(state);
            foreach (var (trigger, destination) in Anywhere)
            {
                if (destination == state)
                {
                    configuration.PermitReentry(trigger);
                }
                else
                {
                    configuration.Permit(trigger, destination);
                }
            }
        }

        _machine.Configure(State.Idle)
            .OnEntryFrom(Trigger.ShowHelp, () => Say(TextKey.Help, MenuButton()))
            .OnEntryFrom(Trigger.Greet, () => Say(TextKey.Greeting, MenuButtons()))
            .OnEntryFrom(Trigger.Thank, () => Say(TextKey.Thanks, MenuButton()))
            .OnEntryFrom(Trigger.OutOfScope, () => Say(TextKey.OutOfScope, MenuButton()))
            .OnEntryFrom(_notCovered, reason => Say(NotCoveredText(reason), MenuButton()))
            .OnEntryFrom(Trigger.Report, () => _effects.Add(new StartReportFlow()))
            .OnEntryFrom(Trigger.Cancel, t => Say(t.Source == State.Idle ? TextKey.NothingToCancel : TextKey.Cancelled, MenuButton()));

        _machine.Configure(State.Menu)
            .OnEntryFrom(Trigger.Start, () => Say(TextKey.Welcome, MenuButtons()))
            .OnEntryFrom(Trigger.ShowMenu, () => Say(TextKey.MenuTitle, MenuButtons()))
            .OnEntryFrom(_setLanguage, language =>
            {
                _language = language;
                Say(TextKey.LanguageSet, MenuButtons());
            });

        _machine.Configure(State.Category)
            .OnEntryFrom(_openCategory, ShowCategory);

        _machine.Configure(State.AwaitingQuestion)
            .OnEntryFrom(Trigger.PromptQuestion, () => Say(TextKey.AskPrompt, []))
            .OnEntryFrom(Trigger.NotUnderstood, () => Say(TextKey.Fallback, MenuButton()))
            .OnEntryFrom(Trigger.DeclineChoices, () => Say(TextKey.Fallback, MenuButton()));

        _machine.Configure(State.Clarifying)
            .OnEntryFrom(_clarify, ShowChoices)
            .Permit(Trigger.DeclineChoices, State.AwaitingQuestion);

        _machine.Configure(State.ShowingAnswer)
            .OnEntryFrom(_answer, ShowAnswer)
            .OnEntryFrom(_more, rule => _replies.Add(AnswerDetails.Compose(_content, rule, _language)));

        _machine.Configure(State.ChoosingLanguage)
            .OnEntryFrom(Trigger.ChooseLanguage, () => Say(TextKey.LanguagePrompt,
            [
                new Button("🇮🇩 Bahasa Indonesia", Payloads.SetLanguage("id")),
                new Button("🇬🇧 English", Payloads.SetLanguage("en")),
            ]));

        // A stray input (a stale button, "none" outside a clarification) never throws: say so and show the menu.
        _machine.OnUnhandledTrigger((_, _) => Say(TextKey.StaleButton, MenuButtons()));
    }

    private void ShowAnswer(Rule rule)
    {
        _lastRuleId = rule.Id;
        _replies.Add(AnswerComposer.Compose(_content, rule, _language, _status, _alternatives));
    }

    private void ShowChoices(IReadOnlyList<Rule> choices)
    {
        var buttons = choices
            .Select(r => AnswerComposer.RuleButton(r, _language))
            .Append(new Button(Text(TextKey.ClarifyNone), Payloads.NoneOfThese))
            .ToList();
        Say(TextKey.ClarifyPrompt, buttons);
    }

    private void ShowCategory(Category category)
    {
        var buttons = category.RuleIds
            .Select(id => AnswerComposer.RuleButton(_content.Rules[id], _language))
            .Append(new Button(Text(TextKey.ButtonBack), Payloads.Menu))
            .ToList();
        _replies.Add(new Reply(_content.Texts.Get(_language, TextKey.CategoryTitle, ("category", category.TitleIn(_language))), buttons));
    }

    private List<Button> MenuButtons()
    {
        var buttons = _content.Categories.Select(c => new Button(c.TitleIn(_language), Payloads.Category(c.Id))).ToList();
        buttons.Add(new Button(Text(TextKey.ButtonAsk), Payloads.Ask));
        buttons.Add(new Button(Text(TextKey.ButtonReport), Payloads.Report));
        buttons.Add(new Button(_language == Language.English ? "🌐 Bahasa Indonesia" : "🌐 English", Payloads.SetLanguage(_language == Language.English ? "id" : "en")));
        return buttons;
    }

    private List<Button> MenuButton() => [new Button(Text(TextKey.ButtonMenu), Payloads.Menu)];

    private static string NotCoveredText(NotCoveredReason reason) => reason switch
    {
        NotCoveredReason.OutsideAsker => TextKey.NotCoveredAsker,
        NotCoveredReason.ElectionFacts => TextKey.NotCoveredElectionFacts,
        _ => TextKey.NotCovered,
    };

    private string Text(string key) => _content.Texts.Get(_language, key);

    private void Say(string key, IReadOnlyList<Button> buttons) =>
        _replies.Add(new Reply(_content.Texts.Get(_language, key, ("contact", _settings.HumanContact)), buttons));
}
