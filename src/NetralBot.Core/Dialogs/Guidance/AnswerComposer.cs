using System.Globalization;
using System.Text;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Dialogs.Guidance;

/// <summary>
/// Writes a rule as the person sees it: the verdict first and unmistakable, then why, conditions or both sides,
/// the legal basis, the sanction for the asker's status, caveats, a disclaimer with the review date, and
/// related questions as buttons.
/// </summary>
public static class AnswerComposer
{
    public static Reply Compose(DialogContent content, Rule rule, Language language, AskerStatus status)
    {
        var t = content.Texts;
        var text = rule.Text(language);
        var sb = new StringBuilder();
        sb.Append("**").Append(t.Get(language, VerdictKey(rule.Verdict))).Append("**\n");
        sb.Append("**").Append(text.Title).Append("**\n\n");
        sb.Append(text.Short).Append("\n\n");
        sb.Append("**").Append(t.Get(language, TextKey.LabelWhy)).Append("** ").Append(text.Explanation).Append('\n');
        AppendList(sb, t.Get(language, TextKey.LabelConditions), text.Conditions);
        if (rule.Contested)
        {
            AppendList(sb, t.Get(language, TextKey.LabelViews), text.Views.Select(v => $"{v.By}: {v.Says}"));
        }
        AppendList(sb, t.Get(language, TextKey.LabelBasis), rule.Basis);
        var sanctionLabel = status == AskerStatus.Unknown
            ? t.Get(language, TextKey.LabelSanction)
            : t.Get(language, TextKey.LabelSanctionFor, ("status", StatusName(t, language, status)));
        sb.Append('\n').Append("**").Append(sanctionLabel).Append("** ").Append(text.Sanction.For(status)).Append('\n');
        if (text.When is { } when)
        {
            sb.Append("**").Append(t.Get(language, TextKey.LabelWhen)).Append("** ").Append(when).Append('\n');
        }
        if (text.Note is { } note)
        {
            sb.Append("**").Append(t.Get(language, TextKey.LabelNote)).Append("** ").Append(note).Append('\n');
        }
        if (rule.Certainty != Certainty.Tinggi)
        {
            sb.Append('\n').Append(t.Get(language, rule.Certainty == Certainty.Rendah ? TextKey.CertaintyRendah : TextKey.CertaintySedang)).Append('\n');
        }
        sb.Append('\n').Append(t.Get(language, TextKey.Disclaimer, ("date", FormatDate(content.ReviewedOn, language))));

        var buttons = rule.Related
            .Where(content.Rules.ContainsKey)
            .Take(3)
            .Select(id => RuleButton(content.Rules[id], language))
            .Append(new Button(t.Get(language, TextKey.ButtonMenu), Payloads.Menu))
            .ToList();
        return new Reply(sb.ToString(), buttons);
    }

    /// <summary>The verdict's symbol, put in front of rule titles on buttons so choices show their verdict at a glance.</summary>
    public static string VerdictSymbol(Verdict verdict) => verdict switch
    {
        Verdict.Boleh => "✅",
        Verdict.TidakBoleh => "❌",
        _ => "⚠️",
    };

    /// <summary>A button that opens a rule, labelled with its verdict symbol and title.</summary>
    public static Button RuleButton(Rule rule, Language language) =>
        new(VerdictSymbol(rule.Verdict) + " " + rule.Text(language).Title, Payloads.Rule(rule.Id));

    public static string VerdictKey(Verdict verdict) => verdict switch
    {
        Verdict.Boleh => TextKey.VerdictBoleh,
        Verdict.TidakBoleh => TextKey.VerdictTidakBoleh,
        _ => TextKey.VerdictBersyarat,
    };

    private static string StatusName(TextCatalog t, Language language, AskerStatus status) => status switch
    {
        AskerStatus.Pns => t.Get(language, TextKey.StatusPns),
        AskerStatus.Pppk => t.Get(language, TextKey.StatusPppk),
        _ => t.Get(language, TextKey.StatusPpnpn),
    };

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
