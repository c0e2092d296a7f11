namespace NetralBot.Core.Evaluation;

/// <summary>The figures of one evaluation run, computed from what each person would have read.</summary>
public sealed class EvaluationReport(IReadOnlyList<CaseResult> results)
{
    public IReadOnlyList<CaseResult> Results { get; } = results;

    /// <summary>The questions whose label is a rule: the "boleh tidak?" questions.</summary>
    public IReadOnlyList<CaseResult> Guidance { get; } = [.. results.Where(r => r.Case.ExpectsRule)];

    /// <summary>Share of guidance questions answered with the expected verdict (a clarifying question is not a verdict).</summary>
    public double VerdictAccuracy => Share(Guidance, r => r.VerdictRight);

    /// <summary>Share of guidance questions answered with exactly the expected rule.</summary>
    public double RuleAccuracy => Share(Guidance, r => r.Actual == r.Case.Expected);

    /// <summary>Share of guidance questions whose expected rule is among the matcher's first three candidates.</summary>
    public double ReachableAt3 => Share(Guidance, r => r.TopRules.Take(3).Contains(r.Case.Expected));

    public double ClarifyRate => Share(Guidance, r => r.Actual == Evaluator.ClarifyLabel);

    public double NotUnderstoodRate => Share(Guidance, r => r.Actual == ExpectedLabels.Unknown);

    /// <summary>Share of all questions whose kind (a guidance question, a report, a greeting, …) was recognised.</summary>
    public double IntentAccuracy => Share(Results, r => r.IntentRight);

    /// <summary>Forbidden acts that were read as allowed or allowed with conditions.</summary>
    public IReadOnlyList<CaseResult> Dangerous => [.. Results.Where(r => r.Dangerous)];

    /// <summary>Messages that are not guidance questions (nonsense, out of scope, …) that still got a verdict.</summary>
    public IReadOnlyList<CaseResult> VerdictsOnNonQuestions => [.. Results.Where(r => !r.Case.ExpectsRule && r.Answered)];

    /// <summary>Median length in characters of the first reply to answered questions.</summary>
    public int MedianAnswerLength
    {
        get
        {
            var lengths = Results.Where(r => r.Answered).Select(r => r.FirstReply.Length).Order().ToList();
            return lengths.Count == 0 ? 0 : lengths[lengths.Count / 2];
        }
    }

    public IReadOnlyList<CaseResult> Errors => [.. Results.Where(r => r.Case.ExpectsRule ? !r.VerdictRight || r.Actual != r.Case.Expected : !r.IntentRight)];

    /// <summary>Per expected rule: how many asked, precision and recall of answering it.</summary>
    public IReadOnlyList<(string Rule, int Asked, double Precision, double Recall)> PerRule()
    {
        var rules = Guidance.Select(r => r.Case.Expected).Concat(Results.Where(r => r.Answered).Select(r => r.Actual)).Distinct().Order(StringComparer.Ordinal);
        return [.. rules.Select(rule =>
        {
            var asked = Guidance.Count(r => r.Case.Expected == rule);
            var answered = Results.Count(r => r.Actual == rule);
            var right = Results.Count(r => r.Actual == rule && r.Case.Expected == rule);
            return (rule, asked, answered == 0 ? 0 : (double)right / answered, asked == 0 ? 0 : (double)right / asked);
        })];
    }

    /// <summary>The (expected, actual) pairs that went wrong most often.</summary>
    public IReadOnlyList<(string Expected, string Actual, int Count)> MostConfused(int top) =>
        [.. Results.Where(r => r.Actual != r.Case.Expected && !(r.Case.Expected == ExpectedLabels.Greeting && r.IntentRight))
            .GroupBy(r => (r.Case.Expected, r.Actual))
            .Select(g => (g.Key.Expected, g.Key.Actual, g.Count()))
            .OrderByDescending(p => p.Item3).ThenBy(p => p.Expected, StringComparer.Ordinal)
            .Take(top)];

    private static double Share(IReadOnlyList<CaseResult> results, Func<CaseResult, bool> predicate) =>
        results.Count == 0 ? 0 : (double)results.Count(predicate) / results.Count;
}
