using NetralBot.Core.Understanding;

namespace NetralBot.Core.Knowledge.Checks;

/// <summary>
/// Checks the rules against each other, beyond what the loader validates, to catch the mistake that costs most: a
/// lenient rule (boleh / bersyarat) whose examples or keywords describe a forbidden act, so that questions about that
/// act get "boleh". Run by `check-dialogs` and by the data tests.
/// </summary>
public static class KnowledgeCheck
{
    /// <param name="fileTexts">The rule files' texts by path, to point at the line of each example.</param>
    public static IReadOnlyList<KnowledgeFinding> Run(DialogContent content, IReadOnlyDictionary<string, string> fileTexts)
    {
        var findings = new List<KnowledgeFinding>();
        findings.AddRange(LeaveOneOut(content, fileTexts));
        findings.AddRange(SharedKeywords(content));
        return findings;
    }

    /// <summary>
    /// Each example, taken out of the index, must still be answered with its own rule or one with the same verdict.
    /// An example of a lenient rule that lands on a stricter rule is an error (it probably describes that rule's
    /// forbidden act); other verdict changes are warnings (the rules overlap, or the example is vague).
    /// </summary>
    private static IEnumerable<KnowledgeFinding> LeaveOneOut(DialogContent content, IReadOnlyDictionary<string, string> fileTexts)
    {
        var work = content.RuleList.SelectMany((rule, index) => rule.Examples.Select(example => (rule, index, example))).ToList();
        var results = new KnowledgeFinding?[work.Count];
        Parallel.For(0, work.Count, i =>
        {
            var (rule, index, example) = work[i];
            var rules = content.RuleList.ToArray();
            rules[index] = rule with { Examples = [.. rule.Examples.Where(e => e != example)] };
            var answered = content.Understander.AnswerAmong(rules, example);
            if (answered is null || answered.Id == rule.Id || answered.Verdict == rule.Verdict)
            {
                return;
            }
            var stricter = QuestionUnderstander.Strictness(answered.Verdict) > QuestionUnderstander.Strictness(rule.Verdict);
            results[i] = new KnowledgeFinding(
                new SourceLocation(rule.Source.File, LineOf(fileTexts, rule.Source, example)),
                stricter,
                stricter
                    ? $"example \"{example}\" of '{rule.Id}' ({Name(rule.Verdict)}) reads as '{answered.Id}' ({Name(answered.Verdict)}): a forbidden act among a lenient rule's examples? Move it to '{answered.Id}' or reword it"
                    : $"example \"{example}\" of '{rule.Id}' ({Name(rule.Verdict)}) reads as '{answered.Id}' ({Name(answered.Verdict)}) without it");
        });
        return results.OfType<KnowledgeFinding>();
    }

    /// <summary>A keyword given to rules with different verdicts pulls questions both ways: a warning.</summary>
    private static IEnumerable<KnowledgeFinding> SharedKeywords(DialogContent content)
    {
        var normalizer = content.Understander.Normalizer;
        var byKeyword = content.RuleList
            .SelectMany(rule => rule.Keywords.Select(k => (Key: string.Join(' ', normalizer.Normalize(k).Terms), Keyword: k, Rule: rule)))
            .Where(x => x.Key.Length > 0)
            .GroupBy(x => x.Key, StringComparer.Ordinal);
        foreach (var group in byKeyword)
        {
            var rules = group.Select(x => x.Rule).DistinctBy(r => r.Id).ToList();
            if (rules.Select(r => r.Verdict).Distinct().Count() > 1)
            {
                var first = rules[0];
                yield return new KnowledgeFinding(first.Source, false,
                    $"keyword \"{group.First().Keyword}\" is given to rules with different verdicts: {string.Join(", ", rules.Select(r => $"'{r.Id}' ({Name(r.Verdict)})"))}");
            }
        }
    }

    private static int LineOf(IReadOnlyDictionary<string, string> fileTexts, SourceLocation rule, string example)
    {
        if (!fileTexts.TryGetValue(rule.File, out var text))
        {
            return rule.Line;
        }
        var lines = text.Split('\n');
        var probe = example.Length > 40 ? example[..40] : example;
        for (var i = Math.Max(0, rule.Line - 1); i < lines.Length; i++)
        {
            if (lines[i].Contains(probe, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }
        return rule.Line;
    }

    private static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Boleh => "boleh",
        Verdict.TidakBoleh => "tidak_boleh",
        _ => "bersyarat",
    };
}
