using NetralBot.Core.Evaluation;
using NetralBot.Core.Knowledge;
using Xunit.Abstractions;

namespace NetralBot.Core.Tests.Understanding;

/// <summary>
/// What users read, measured on labelled sets through the real dialog step (the `evaluate` command's figures).
/// devset.tsv and holdout.tsv were used to tune the matcher and the answer policy. holdout-2026.tsv, holdout-2026b.tsv,
/// holdout-2026c.tsv, holdout-2026d.tsv, holdout-2026e.tsv, holdout-2026f.tsv, holdout-2026g.tsv, holdout-2026h.tsv, holdout-2026i.tsv (weighted towards forbidden acts that sound harmless), holdout-2026j.tsv, holdout-2026k.tsv and
/// holdout-2026l.tsv (both weighted towards hard cases) were written from the fact sheet by someone who saw neither the rules nor the other sets; each was
/// measured once untuned (figures in the issue notes) and then used to fix what it showed, so all are spent: the next
/// unseen hold-out must be written afresh.
/// lenient-forbidden.tsv asks forbidden acts in contexts that sound allowed. The floors sit a little under the measured figures
/// (see the issue notes) so accuracy cannot slide back unnoticed.
/// </summary>
public class DevSetTests(ITestOutputHelper output)
{
    private static EvaluationReport Evaluate(string file)
    {
        var content = RepositoryDialogs.Content;
        var (cases, errors) = LabelledSetReader.Read(file, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DevSet", file)), content);
        Assert.Empty(errors);
        return Evaluator.Run(content, cases);
    }

    /// <summary>holdout.tsv predates the rules added in 2026-11, so it is not asked to cover them.</summary>
    [Theory]
    [InlineData("devset.tsv", 150, true)]
    [InlineData("holdout.tsv", 150, false)]
    [InlineData("holdout-2026.tsv", 300, true)]
    [InlineData("holdout-2026b.tsv", 300, true)]
    [InlineData("holdout-2026c.tsv", 300, true)]
    [InlineData("holdout-2026d.tsv", 300, true)]
    [InlineData("holdout-2026e.tsv", 300, true)]
    [InlineData("holdout-2026f.tsv", 300, true)]
    [InlineData("holdout-2026g.tsv", 300, true)]
    [InlineData("holdout-2026h.tsv", 300, true)]
    [InlineData("holdout-2026i.tsv", 300, true)]
    [InlineData("holdout-2026j.tsv", 300, true)]
    [InlineData("holdout-2026k.tsv", 300, true)]
    [InlineData("holdout-2026l.tsv", 300, true)]
    public void Set_IsLargeEnough_AndCoversEveryRule(string file, int minimum, bool coversEveryRule)
    {
        var report = Evaluate(file);
        Assert.True(report.Results.Count >= minimum, $"{report.Results.Count} cases");
        var expected = report.Results.Select(r => r.Case.Expected).ToHashSet();
        if (coversEveryRule)
        {
            Assert.All(RepositoryDialogs.Content.RuleList, r => Assert.Contains(r.Id, expected));
        }
    }

    /// <summary>A hold-out set's questions stay unseen: list a new one here so only its figures are written.</summary>
    private static bool MayShowQuestions(string file) => !UnseenSets.Contains(file);

    private static readonly HashSet<string> UnseenSets = [];

    /// <param name="verdictFloor">Share of "boleh tidak?" questions answered with the right verdict (a clarifying question counts as no verdict).</param>
    /// <param name="clarifyCeiling">Share of those questions answered with "which do you mean?".</param>
    /// <param name="intentFloor">Share of all questions whose kind (question, report, greeting, out of scope, …) was recognised.</param>
    [Theory]
    [InlineData("devset.tsv", 0.93, 0.04, 0.95)]
    [InlineData("holdout.tsv", 0.94, 0.03, 0.95)]
    [InlineData("holdout-2026.tsv", 0.95, 0.03, 0.95)]
    [InlineData("holdout-2026b.tsv", 0.93, 0.03, 0.95)]
    [InlineData("holdout-2026c.tsv", 0.94, 0.03, 0.95)]
    [InlineData("holdout-2026d.tsv", 0.94, 0.03, 0.95)]
    [InlineData("holdout-2026e.tsv", 0.95, 0.03, 0.95)]
    [InlineData("holdout-2026f.tsv", 0.95, 0.03, 0.95)]
    [InlineData("holdout-2026g.tsv", 0.93, 0.03, 0.94)]
    [InlineData("holdout-2026h.tsv", 0.94, 0.03, 0.95)]
    [InlineData("holdout-2026i.tsv", 0.92, 0.03, 0.94)]
    [InlineData("holdout-2026j.tsv", 0.96, 0.03, 0.96)]
    [InlineData("holdout-2026k.tsv", 0.90, 0.03, 0.94)]
    [InlineData("holdout-2026l.tsv", 0.94, 0.03, 0.96)]
    public void Answers_StayAboveTheFloors(string file, double verdictFloor, double clarifyCeiling, double intentFloor)
    {
        var report = Evaluate(file);
        output.WriteLine($"{file}: verdict {report.VerdictAccuracy:P1}, rule {report.RuleAccuracy:P1}, reachable@3 {report.ReachableAt3:P1}, clarify {report.ClarifyRate:P1}, intent {report.IntentAccuracy:P1}, median first reply {report.MedianAnswerLength}");
        foreach (var error in report.Errors.Where(_ => MayShowQuestions(file)))
        {
            output.WriteLine($"{error.Case.Expected,-34} <- {error.Actual,-34} {error.Case.Question}");
        }
        Assert.True(report.VerdictAccuracy >= verdictFloor, $"verdict accuracy {report.VerdictAccuracy:P1} fell below {verdictFloor:P0}");
        Assert.True(report.ClarifyRate <= clarifyCeiling, $"clarify rate {report.ClarifyRate:P1} rose above {clarifyCeiling:P0}");
        Assert.True(report.IntentAccuracy >= intentFloor, $"intent accuracy {report.IntentAccuracy:P1} fell below {intentFloor:P0}");
        Assert.True(report.MedianAnswerLength <= 600, $"median first reply {report.MedianAnswerLength} characters");
    }

    /// <summary>The costly mistake: reading "boleh" or "boleh dengan syarat" for a forbidden act, or a verdict for nonsense.</summary>
    [Theory]
    [InlineData("devset.tsv")]
    [InlineData("holdout.tsv")]
    [InlineData("holdout-2026.tsv")]
    [InlineData("holdout-2026b.tsv")]
    [InlineData("holdout-2026c.tsv")]
    [InlineData("holdout-2026d.tsv")]
    [InlineData("holdout-2026e.tsv")]
    [InlineData("holdout-2026f.tsv")]
    [InlineData("holdout-2026g.tsv")]
    [InlineData("holdout-2026h.tsv")]
    [InlineData("holdout-2026i.tsv")]
    [InlineData("holdout-2026j.tsv")]
    [InlineData("holdout-2026k.tsv")]
    [InlineData("holdout-2026l.tsv")]
    [InlineData("lenient-forbidden.tsv")]
    public void NeverReadsAllowedForAForbiddenAct(string file)
    {
        var report = Evaluate(file);
        foreach (var danger in report.Dangerous.Where(_ => MayShowQuestions(file)))
        {
            output.WriteLine($"{danger.Case.Expected} answered {danger.Actual}: {danger.Case.Question}");
        }
        Assert.True(report.Dangerous.Count == 0, $"{report.Dangerous.Count} dangerous answers");
        var nonsense = report.VerdictsOnNonQuestions.Count(r => r.Case.Expected == ExpectedLabels.Unknown);
        Assert.True(nonsense == 0, $"{nonsense} nonsense message(s) answered with a verdict");
    }

    [Fact]
    public void LenientContexts_AreAtLeastFifty_AllForbidden()
    {
        var report = Evaluate("lenient-forbidden.tsv");
        Assert.True(report.Results.Count >= 50);
        Assert.All(report.Results, r => Assert.Equal(Verdict.TidakBoleh, r.Case.Verdict));
    }
}
