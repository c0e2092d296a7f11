using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using System.Text;

namespace NetralBot.Core.Dialogs.Guidance;

/// <summary>
/// Writes the first reply to a question, short enough for a phone: the verdict (contested rules under their own
/// label with the safe answer), the answer in a sentence or two, the main legal basis and the sanction for the
/// asker's status. The why, conditions, both sides and notes are behind "Selengkapnya" (<see cref="AnswerDetails"/>).
/// </summary>
public static class AnswerComposer
{
    public static Reply Compose(DialogContent content, Rule rule, Language language, AskerStatus status, IReadOnlyList<Rule>? alternatives = null)
    {
        var t = content.Texts;
        var text = rule.Text(language);
        var sb = new StringBuilder();
        sb.Append("**").Append(VerdictLine(t, language, rule)).Append("**\n");
        sb.Append("**").Append(text.Title).Append("**\n\n");
        sb.Append(text.Short).Append("\n\n");
        sb.Append("**").Append(t.Get(language, TextKey.LabelBasis)).Append("** ").Append(rule.Basis[0]).Append('\n');
        sb.Append("**").Append(SanctionLabel(t, language, status)).Append("** ").Append(text.Sanction.For(status)).Append('\n');
        if (rule.Certainty != Certainty.Tinggi)
        {
            sb.Append(t.Get(language, rule.Certainty == Certainty.Rendah ? TextKey.CertaintyRendahShort : TextKey.CertaintySedangShort)).Append('\n');
        }
        var offered = (alternatives ?? []).Where(a => a.Id != rule.Id).ToList();
        if (offered.Count > 0)
        {
            sb.Append('\n').Append(t.Get(language, TextKey.AlternativesPrompt));
        }

        var buttons = new List<Button> { new(t.Get(language, TextKey.ButtonMore), Payloads.More(rule.Id)) };
        buttons.AddRange(offered.Select(a => RuleButton(a, language)));
        buttons.Add(new Button(t.Get(language, TextKey.ButtonMenu), Payloads.Menu));
        return new Reply(sb.ToString().TrimEnd(), buttons);
    }

    /// <summary>"❌ TIDAK BOLEH", or for a contested rule "⚖️ DIPERDEBATKAN — jawaban aman: ❌ JANGAN".</summary>
    public static string VerdictLine(TextCatalog t, Language language, Rule rule) => rule.Contested
        ? t.Get(language, TextKey.VerdictContested, ("safe", t.Get(language, rule.Verdict == Verdict.TidakBoleh ? TextKey.SafeTidakBoleh : TextKey.SafeBersyarat)))
        : t.Get(language, VerdictKey(rule.Verdict));

    /// <summary>The verdict's symbol, put in front of rule titles on buttons so choices show their verdict at a glance.</summary>
    public static string VerdictSymbol(Rule rule) => rule.Contested ? "⚖️" : rule.Verdict switch
    {
        Verdict.Boleh => "✅",
        Verdict.TidakBoleh => "❌",
        _ => "⚠️",
    };

    /// <summary>A button that opens a rule, labelled with its verdict symbol and title.</summary>
    public static Button RuleButton(Rule rule, Language language) =>
        new(VerdictSymbol(rule) + " " + rule.Text(language).Title, Payloads.Rule(rule.Id));

    public static string VerdictKey(Verdict verdict) => verdict switch
    {
        Verdict.Boleh => TextKey.VerdictBoleh,
        Verdict.TidakBoleh => TextKey.VerdictTidakBoleh,
        _ => TextKey.VerdictBersyarat,
    };

    private static string SanctionLabel(TextCatalog t, Language language, AskerStatus status) => status == AskerStatus.Unknown
        ? t.Get(language, TextKey.LabelSanction)
        : t.Get(language, TextKey.LabelSanctionFor, ("status", status switch
        {
            AskerStatus.Pns => t.Get(language, TextKey.StatusPns),
            AskerStatus.Pppk => t.Get(language, TextKey.StatusPppk),
            _ => t.Get(language, TextKey.StatusPpnpn),
        }));
}
