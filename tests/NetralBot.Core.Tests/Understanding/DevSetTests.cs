using NetralBot.Core.Knowledge;
using NetralBot.Core.Understanding;
using Xunit.Abstractions;

namespace NetralBot.Core.Tests.Understanding;

/// <summary>
/// Accuracy on realistic phrasings (slang, typos, English, Javanese) written apart from the rules' keywords.
/// devset.tsv was used to tune the matcher's weights and thresholds; holdout.tsv was written afterwards by someone
/// who saw neither the rules nor the dev set, and was measured once, untuned. The floors sit a little under the
/// measured figures (see the issue note) and keep accuracy from sliding back.
/// </summary>
public class DevSetTests(ITestOutputHelper output)
{
    private static List<(string Expected, string Question)> Load(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "DevSet", file))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], p[1]))
            .ToList();

    [Theory]
    [InlineData("devset.tsv", 150)]
    [InlineData("holdout.tsv", 150)]
    public void Set_IsLargeEnough_AndCoversEveryRule(string file, int minimum)
    {
        var cases = Load(file);
        Assert.True(cases.Count >= minimum, $"{cases.Count} cases");
        var expected = cases.Select(c => c.Expected).ToHashSet();
        Assert.All(RepositoryDialogs.Content.RuleList, r => Assert.Contains(r.Id, expected));
    }

    /// <param name="exactFloor">Share answered with exactly the expected rule or intent.</param>
    /// <param name="reachableFloor">Share where the expected rule is the answer or one of the offered choices.</param>
    [Theory]
    [InlineData("devset.tsv", 0.72, 0.90)]
    [InlineData("holdout.tsv", 0.78, 0.92)]
    public void Accuracy_StaysAboveTheFloor(string file, double exactFloor, double reachableFloor)
    {
        var understander = RepositoryDialogs.Content.Understander;
        var cases = Load(file);
        int exact = 0, reachable = 0;
        var misses = new List<string>();
        foreach (var (expected, question) in cases)
        {
            var result = understander.Understand(question);
            var actual = Label(result);
            if (actual == expected)
            {
                exact++;
                reachable++;
                continue;
            }
            if (result.Intent == Intent.Clarify && result.Choices.Any(c => c.Id == expected))
            {
                reachable++;
            }
            misses.Add($"{expected,-34} <- {actual,-34} {result.Match.Confidence:0.00}  {question}");
        }
        var total = (double)cases.Count;
        output.WriteLine($"{file}: exact {exact / total:P1}, reachable {reachable / total:P1} of {total}");
        misses.ForEach(output.WriteLine);
        Assert.True(exact / total >= exactFloor, $"exact accuracy {exact / total:P1} fell below {exactFloor:P0}");
        Assert.True(reachable / total >= reachableFloor, $"reachable accuracy {reachable / total:P1} fell below {reachableFloor:P0}");
    }

    /// <summary>The costly mistake: telling someone "boleh" when the rule they asked about says otherwise.</summary>
    [Theory]
    [InlineData("devset.tsv")]
    [InlineData("holdout.tsv")]
    public void NeverAnswersBolehForAProhibitedAction(string file)
    {
        var content = RepositoryDialogs.Content;
        var wrongBoleh = Load(file)
            .Where(c => content.Rules.TryGetValue(c.Expected, out var rule) && rule.Verdict != Verdict.Boleh)
            .Select(c => (c.Question, Result: content.Understander.Understand(c.Question)))
            .Where(x => x.Result.Rule is { Verdict: Verdict.Boleh })
            .Select(x => $"{x.Result.Rule!.Id}: {x.Question}")
            .ToList();
        wrongBoleh.ForEach(output.WriteLine);
        Assert.Empty(wrongBoleh);
    }

    private static string Label(NetralBot.Core.Understanding.Understanding result) => result.Intent switch
    {
        Intent.Guidance => result.Rule!.Id,
        Intent.Report => "@report",
        Intent.Greeting or Intent.Menu or Intent.Help or Intent.Thanks => "@greeting",
        Intent.OutOfScope => "@out_of_scope",
        Intent.Clarify => "(clarify)",
        _ => "(unknown)",
    };
}
