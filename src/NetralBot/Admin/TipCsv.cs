using System.Globalization;
using CsvHelper;
using NetralBot.Storage;

namespace NetralBot.Admin;

/// <summary>
/// Tips as CSV (CsvHelper) for forwarding to Bawaslu, BKN or the Inspektorat. Tip text is written by the public,
/// so cells that start like a spreadsheet formula are escaped (CSV injection).
/// </summary>
public static class TipCsv
{
    private static readonly string[] Header =
    [
        "id", "created_at", "category", "status", "status_reason", "reported", "agency", "regency", "place",
        "when_text", "when_date", "what", "evidence", "messages",
    ];

    public static void Write(TextWriter writer, IEnumerable<TipReview.Details> tips)
    {
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape }, true);
        csv.WriteHeader(Header);
        foreach (var t in tips)
        {
            csv.WriteRecord(
            [
                t.Id.ToString(CultureInfo.InvariantCulture),
                t.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                t.Category.ToString(),
                t.Status.ToString(),
                t.StatusReason ?? "",
                t.Content.Who ?? "",
                t.Content.Agency ?? "",
                t.Content.Regency ?? "",
                t.Content.Place ?? "",
                t.Content.WhenText ?? "",
                t.Content.WhenDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                t.Content.What ?? "",
                string.Join(" | ", t.Content.Evidence.Select(e => e.Link ?? e.FileName ?? "")),
                string.Join(" | ", t.Messages.Select(m => $"{m.At.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {(m.FromReviewer ? "reviewer" : "tipster")}: {m.Text}")),
            ]);
        }
        csv.Flush();
    }
}
