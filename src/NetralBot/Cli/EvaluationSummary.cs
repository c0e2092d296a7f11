using System.Globalization;
using NetralBot.Core.Evaluation;

namespace NetralBot.Cli;

/// <summary>The evaluation's figures as text for a terminal.</summary>
public static class EvaluationSummary
{
    public static void Write(TextWriter output, EvaluationReport report)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{report.Results.Count} questions, {report.Guidance.Count} of them \"boleh tidak?\" questions"));
        output.WriteLine(string.Create(c, $"  verdict accuracy      {report.VerdictAccuracy,7:P1}   (the verdict a person reads; a clarifying question is no verdict)"));
        output.WriteLine(string.Create(c, $"  rule accuracy (top-1) {report.RuleAccuracy,7:P1}"));
        output.WriteLine(string.Create(c, $"  reachable@3           {report.ReachableAt3,7:P1}"));
        output.WriteLine(string.Create(c, $"  clarify rate          {report.ClarifyRate,7:P1}"));
        output.WriteLine(string.Create(c, $"  not understood        {report.NotUnderstoodRate,7:P1}"));
        output.WriteLine(string.Create(c, $"  intent accuracy       {report.IntentAccuracy,7:P1}   (all questions)"));
        output.WriteLine(string.Create(c, $"  dangerous answers     {report.Dangerous.Count,7}   (boleh/bersyarat where tidak_boleh is right)"));
        output.WriteLine(string.Create(c, $"  verdicts on non-questions {report.VerdictsOnNonQuestions.Count,3}   (nonsense, out of scope … answered with a rule)"));
        output.WriteLine(string.Create(c, $"  median first reply    {report.MedianAnswerLength,7} characters"));
        foreach (var danger in report.Dangerous)
        {
            output.WriteLine($"  DANGEROUS line {danger.Case.Line}: {danger.Case.Expected} answered {danger.Actual}: {danger.Case.Question}");
        }
        foreach (var wrong in report.VerdictsOnNonQuestions)
        {
            output.WriteLine($"  VERDICT ON NON-QUESTION line {wrong.Case.Line}: {wrong.Case.Expected} answered {wrong.Actual}: {wrong.Case.Question}");
        }
        output.WriteLine("Most confused (expected -> answered):");
        foreach (var (expected, actual, count) in report.MostConfused(10))
        {
            output.WriteLine(string.Create(c, $"  {count,3}  {expected} -> {actual}"));
        }
        output.WriteLine("Per rule (asked, precision, recall), weakest recall first:");
        foreach (var (rule, asked, precision, recall) in report.PerRule().Where(r => r.Asked > 0).OrderBy(r => r.Recall).ThenBy(r => r.Rule, StringComparer.Ordinal).Take(15))
        {
            output.WriteLine(string.Create(c, $"  {rule,-34} {asked,3}  P {precision,6:P0}  R {recall,6:P0}"));
        }
    }
}
