using NetralBot.Core.Understanding;

namespace NetralBot.Core.Knowledge;

/// <summary>One validated, immutable set of everything in dialogs/: rules, menu, texts and the understanding built on them.</summary>
public sealed class DialogContent
{
    public DialogContent(IReadOnlyList<Rule> rules, IReadOnlyList<Category> categories, TextCatalog texts, DateOnly reviewedOn, QuestionUnderstander understander, IReadOnlyList<Reminders.Reminder>? reminders = null)
    {
        Reminders = reminders ?? [];
        RuleList = rules;
        Rules = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        Categories = categories;
        Texts = texts;
        ReviewedOn = reviewedOn;
        Understander = understander;
    }

    public IReadOnlyList<Rule> RuleList { get; }

    public IReadOnlyDictionary<string, Rule> Rules { get; }

    public IReadOnlyList<Category> Categories { get; }

    public TextCatalog Texts { get; }

    /// <summary>When the rules were last checked against the regulations (dialogs/meta.yaml).</summary>
    public DateOnly ReviewedOn { get; }

    public QuestionUnderstander Understander { get; }

    /// <summary>Kabupaten/kota offered at /langganan (dialogs/segments.yaml; empty: not asked).</summary>
    public IReadOnlyList<string> Regencies { get; init; } = [];

    /// <summary>Agencies offered at /langganan (dialogs/segments.yaml; empty: not asked).</summary>
    public IReadOnlyList<string> Agencies { get; init; } = [];

    /// <summary>Scheduled reminders from dialogs/reminders.yaml (empty when the file is absent).</summary>
    public IReadOnlyList<Reminders.Reminder> Reminders { get; }
}
