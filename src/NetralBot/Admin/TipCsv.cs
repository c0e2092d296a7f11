using System.Globalization;
using CsvHelper;
using NetralBot.Core.Dialogs.Report;
using NetralBot.Core.Knowledge;
using NetralBot.Storage;

namespace NetralBot.Admin;

/// <summary>
/// Tips as CSV (CsvHelper) for forwarding to Bawaslu, BKN or the Inspektorat. The header stays machine-readable; the
/// category and status cells are the labels admins see in chat. Tip text is written by the public, so cells that start
/// like a spreadsheet formula are escaped (CSV injection).
/// </summary>
public static class TipCsv
{
    private static readonly string[] Header =
    [
        "id", "created_at", "category", "status", "status_reason", "reported", "agency", "regency", "place",
        "when_text", "when_date", "what", "evidence", "messages",
    ];

    /// <param name="clock">Times in the deployment's zone, as admins read them elsewhere.</param>
    /// <param name="content">The texts the category and status labels come from, in <paramref name="language"/>.</param>
    public static void Write(TextWriter writer, IEnumerable<TipReview.Details> tips, Hosting.LocalTime clock, DialogContent content, Language language)
    {
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape }, true);
        csv.WriteHeader(Header);
        foreach (var t in tips)
        {
            csv.WriteRecord(
            [
                t.Id.ToString(CultureInfo.InvariantCulture),
                clock.Format(t.CreatedAt),
                TipSummary.CategoryName(content, language, t.Category),
                TipSummary.StatusName(content, language, t.Status),
                t.StatusReason ?? "",
                t.Content.Who ?? "",
                t.Content.Agency ?? "",
                t.Content.Regency ?? "",
                t.Content.Place ?? "",
                t.Content.WhenText ?? "",
                t.Content.WhenDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                t.Content.What ?? "",
                string.Join(" | ", t.Content.Evidence.Select(e => e.Link ?? e.FileName ?? "")),
                string.Join(" | ", t.Messages.Select(m => $"{clock.Format(m.At)} {(m.FromReviewer ? "reviewer" : "tipster")}: {m.Text}")),
            ]);
        }
        csv.Flush();
    }
}
