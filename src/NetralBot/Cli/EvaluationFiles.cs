using System.Globalization;
using System.Text;
using CsvHelper;
using NetralBot.Core.Evaluation;

namespace NetralBot.Cli;

/// <summary>The evaluation's files for editors: the confusion matrix (CSV and picture) and every error with the reply sent.</summary>
public static class EvaluationFiles
{
    public static void Write(string folder, EvaluationReport report)
    {
        var labels = report.Results.Select(r => r.Case.Expected).Concat(report.Results.Select(r => r.Actual))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var counts = report.Results.GroupBy(r => (r.Case.Expected, r.Actual)).ToDictionary(g => g.Key, g => g.Count());

        using (var writer = new StreamWriter(Path.Combine(folder, "confusion.csv"), false, new UTF8Encoding(false)))
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape }, true))
        {
            csv.WriteHeader(["expected \\ answered", .. labels]);
            foreach (var expected in labels)
            {
                csv.WriteRecord([expected, .. labels.Select(actual => counts.GetValueOrDefault((expected, actual)).ToString(CultureInfo.InvariantCulture))]);
            }
            csv.Flush();
        }

        using (var writer = new StreamWriter(Path.Combine(folder, "errors.csv"), false, new UTF8Encoding(false)))
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape }, true))
        {
            // Questions are typed by the public: cells that look like formulas are escaped.
            csv.WriteHeader(["line", "expected", "expected_verdict", "answered", "answered_verdict", "dangerous", "top_candidates", "question", "first_reply"]);
            foreach (var error in report.Errors)
            {
                csv.WriteRecord(
                [
                    error.Case.Line.ToString(CultureInfo.InvariantCulture),
                    error.Case.Expected,
                    error.Case.Verdict is { } v ? AskJson.VerdictName(v) : "",
                    error.Actual,
                    error.Verdict is { } a ? AskJson.VerdictName(a) : "",
                    error.Dangerous ? "yes" : "",
                    string.Join(' ', error.TopRules.Take(3)),
                    error.Case.Question,
                    error.FirstReply,
                ]);
            }
            csv.Flush();
        }

        File.WriteAllBytes(Path.Combine(folder, "confusion.png"), ConfusionPicture.Draw(labels, counts));
    }
}
