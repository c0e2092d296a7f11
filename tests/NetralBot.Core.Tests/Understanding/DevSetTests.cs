using NetralBot.Core.Knowledge;
using NetralBot.Core.Understanding;
using Xunit.Abstractions;

namespace NetralBot.Core.Tests.Understanding;

/// <summary>
/// The dev set: realistic phrasings (slang, typos, English, Javanese) written apart from the rules' keywords.
/// The floors below were set from measurement (see the issue note) and keep accuracy from sliding back.
/// </summary>
public class DevSetTests(ITestOutputHelper output)
{
    /// <summary>Share of cases answered with exactly the expected rule or intent.</summary>
    private const double ExactFloor = 0.72;

    /// <summary>Share of cases where the expected rule is the answer or one of the offered choices.</summary>
    private const double ReachableFloor = 0.90;

    private static readonly Lazy<List<(string Expected, string Question)>> Cases = new(() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "DevSet", "devset.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], p[1]))
            .ToList());

    [Fact]
    public void DevSet_HasAtLeast150Cases_CoveringEveryRule()
    {
        Assert.True(Cases.Value.Count >= 150);
        var expected = Cases.Value.Select(c => c.Expected).ToHashSet();
        Assert.All(RepositoryDialogs.Content.RuleList, r => Assert.Contains(r.Id, expected));
    }

    [Fact]
    public void DevSet_AccuracyStaysAboveTheFloor()
    {
        var understander = RepositoryDialogs.Content.Understander;
        int exact = 0, reachable = 0;
        var misses = new List<string>();
        foreach (var (expected, question) in Cases.Value)
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
        var total = (double)Cases.Value.Count;
        output.WriteLine($"exact {exact / total:P1}, reachable {reachable / total:P1} of {total}");
        misses.ForEach(output.WriteLine);
        Assert.True(exact / total >= ExactFloor, $"exact accuracy {exact / total:P1} fell below {ExactFloor:P0}");
        Assert.True(reachable / total >= ReachableFloor, $"reachable accuracy {reachable / total:P1} fell below {ReachableFloor:P0}");
    }

    /// <summary>The costly mistake: telling someone "boleh" when the rule they asked about says otherwise.</summary>
    [Fact]
    public void DevSet_NeverAnswersBolehForAProhibitedAction()
    {
        var content = RepositoryDialogs.Content;
        var wrongBoleh = Cases.Value
            .Where(c => content.Rules.TryGetValue(c.Expected, out var rule) && rule.Verdict != Verdict.Boleh)
            .Select(c => (c.Question, Result: content.Understander.Understand(c.Question)))
            .Where(x => x.Result.Rule is { Verdict: Verdict.Boleh })
            .Select(x => $"{x.Result.Rule!.Id}: {x.Question}")
            .ToList();
        wrongBoleh.ForEach(output.WriteLine);
        Assert.True(wrongBoleh.Count <= 2, $"{wrongBoleh.Count} prohibited actions were answered BOLEH");
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
