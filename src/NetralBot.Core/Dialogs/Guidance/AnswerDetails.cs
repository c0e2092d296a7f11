using System.Globalization;
using System.Text;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Dialogs.Guidance;

/// <summary>
/// The text behind "Selengkapnya": why, the conditions, both sides of a contested rule, the whole legal basis,
/// when it applies, notes, how sure the sources are, the discipline levels, and the disclaimer with the review date;
/// related questions as buttons.
/// </summary>
public static class AnswerDetails
{
    public static Reply Compose(DialogContent content, Rule rule, Language language)
    {
        var t = content.Texts;
        var text = rule.Text(language);
        var sb = new StringBuilder();
        sb.Append("**").Append(AnswerComposer.VerdictLine(t, language, rule)).Append(" — ").Append(text.Title).Append("**\n\n");
        sb.Append("**").Append(t.Get(language, TextKey.LabelWhy)).Append("** ").Append(text.Explanation).Append('\n');
        AppendList(sb, t.Get(language, TextKey.LabelConditions), text.Conditions);
        if (rule.Contested)
        {
            AppendList(sb, t.Get(language, TextKey.LabelViews), text.Views.Select(v => $"{v.By}: {v.Says}"));
        }
        AppendList(sb, t.Get(language, TextKey.LabelBasis), rule.Basis);
        if (text.When is { } when)
        {
            sb.Append('\n').Append("**").Append(t.Get(language, TextKey.LabelWhen)).Append("** ").Append(when).Append('\n');
        }
        if (text.Note is { } note)
        {
            sb.Append('\n').Append("**").Append(t.Get(language, TextKey.LabelNote)).Append("** ").Append(note).Append('\n');
        }
        if (rule.Certainty != Certainty.Tinggi)
        {
            sb.Append('\n').Append(t.Get(language, rule.Certainty == Certainty.Rendah ? TextKey.CertaintyRendah : TextKey.CertaintySedang)).Append('\n');
        }
        if (rule.Verdict != Verdict.Boleh)
        {
            sb.Append('\n').Append(t.Get(language, TextKey.SanctionLevels)).Append('\n');
        }
        sb.Append('\n').Append(t.Get(language, TextKey.Disclaimer, ("date", FormatDate(content.ReviewedOn, language))));

        var buttons = rule.Related
            .Where(content.Rules.ContainsKey)
            .Take(3)
            .Select(id => AnswerComposer.RuleButton(content.Rules[id], language))
            .Append(new Button(t.Get(language, TextKey.ButtonMenu), Payloads.Menu))
            .ToList();
        return new Reply(sb.ToString(), buttons);
    }

    private static void AppendList(StringBuilder sb, string label, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }
        sb.Append('\n').Append("**").Append(label).Append("**\n");
        foreach (var item in list)
        {
            sb.Append("• ").Append(item).Append('\n');
        }
    }

    private static string FormatDate(DateOnly date, Language language) =>
        date.ToString("d MMMM yyyy", language == Language.English ? CultureInfo.InvariantCulture : IndonesianMonths);

    // InvariantGlobalization is on, so month names come from this small table rather than from ICU.
    private static readonly DateTimeFormatInfo IndonesianMonths = new()
    {
        MonthNames = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember", ""],
        MonthGenitiveNames = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember", ""],
    };
}
