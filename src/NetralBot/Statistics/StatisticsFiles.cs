using System.Globalization;
using System.Text;
using CsvHelper;

namespace NetralBot.Statistics;

/// <summary>`stats --out DIR`: stats.png, one CSV per panel (label, count) and unanswered.csv (question as typed, count).</summary>
public static class StatisticsFiles
{
    public static IReadOnlyList<string> Write(string folder, StatisticsReport report)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string> { Path.Combine(folder, "stats.png") };
        File.WriteAllBytes(written[0], StatisticsPicture.Draw(report));
        foreach (var panel in report.Panels)
        {
            var path = Path.Combine(folder, panel.File + ".csv");
            WriteCsv(path, panel.PartName is null ? ["label", "count"] : ["label", "count", panel.PartName],
                panel.Bars.Select(b => panel.PartName is null ? new[] { b.Label, Number(b.Value) } : [b.Label, Number(b.Value), Number(b.Part)]));
            written.Add(path);
        }
        var unanswered = Path.Combine(folder, "unanswered.csv");
        WriteCsv(unanswered, ["question", "count"], report.Unanswered.Select(u => new[] { u.Label, Number(u.Value) }));
        written.Add(unanswered);
        return written;
    }

    private static void WriteCsv(string path, string[] header, IEnumerable<string[]> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        // Questions and kabupaten/kota names are typed by the public: cells that look like formulas are escaped.
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape }, true);
        csv.WriteHeader(header);
        foreach (var row in rows)
        {
            csv.WriteRecord(row);
        }
        csv.Flush();
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
