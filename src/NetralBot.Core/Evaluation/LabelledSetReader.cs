using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Evaluation;

/// <summary>
/// Reads a labelled set: one case per line, `expected&lt;TAB&gt;verdict&lt;TAB&gt;question` or `expected&lt;TAB&gt;question`
/// (then the verdict is the expected rule's); `#` starts a comment. Problems are returned as `file:line: problem`.
/// </summary>
public static class LabelledSetReader
{
    public static (IReadOnlyList<LabelledQuestion> Cases, IReadOnlyList<string> Errors) Read(string name, string text, DialogContent content)
    {
        var cases = new List<LabelledQuestion>();
        var errors = new List<string>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart('\uFEFF');
            if (line.Trim().Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var number = i + 1;
            var parts = line.Split('\t');
            if (parts.Length is not (2 or 3) || parts[^1].Trim().Length == 0)
            {
                errors.Add($"{name}:{number}: expected 'label<TAB>question' or 'label<TAB>verdict<TAB>question'");
                continue;
            }
            var expected = parts[0].Trim();
            var question = parts[^1].Trim();
            if (ExpectedLabels.All.Contains(expected))
            {
                if (parts.Length == 3 && parts[1].Trim() is not ("-" or ""))
                {
                    errors.Add($"{name}:{number}: '{expected}' takes no verdict (write '-')");
                    continue;
                }
                cases.Add(new LabelledQuestion(expected, null, question, number));
                continue;
            }
            if (!content.Rules.TryGetValue(expected, out var rule))
            {
                errors.Add($"{name}:{number}: unknown rule '{expected}' (or intent label: {string.Join(", ", ExpectedLabels.All)})");
                continue;
            }
            Verdict? verdict = parts.Length == 2 ? rule.Verdict : ParseVerdict(parts[1].Trim());
            if (verdict is null)
            {
                errors.Add($"{name}:{number}: verdict must be boleh, tidak_boleh or bersyarat, not '{parts[1].Trim()}'");
                continue;
            }
            cases.Add(new LabelledQuestion(expected, verdict, question, number));
        }
        return (cases, errors);
    }

    private static Verdict? ParseVerdict(string value) => value switch
    {
        "boleh" => Verdict.Boleh,
        "tidak_boleh" => Verdict.TidakBoleh,
        "bersyarat" => Verdict.Bersyarat,
        _ => null,
    };
}
