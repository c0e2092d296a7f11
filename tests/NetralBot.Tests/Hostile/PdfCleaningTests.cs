using Dapper;
using NetralBot.Storage;
using NetralBot.Tips;

namespace NetralBot.Tests.Hostile;

/// <summary>
/// After cleaning, an /OpenAction JavaScript (submitForm to an outside URL), /EmbeddedFiles and annotation authors
/// remained (issue 10). Nothing that acts or names its author may survive; a PDF is labelled by its bytes.
/// </summary>
public class PdfCleaningTests
{
    [Fact]
    public void Issue10_ActivePdf_LosesScriptsActionsEmbeddedFilesAuthorsAndXmp_KeepsItsPage()
    {
        var original = HostileFiles.ActivePdf();
        var originalText = System.Text.Encoding.Latin1.GetString(original);
        Assert.All(HostileFiles.ActivePdfMarkers, m => Assert.Contains(m, originalText, StringComparison.Ordinal));

        var cleaned = EvidenceCleaner.Clean(original);

        using var reopened = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(cleaned), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Modify);
        Assert.Equal(1, reopened.PageCount);
        var everything = System.Text.Encoding.Latin1.GetString(cleaned) + string.Concat(reopened.Internals.GetAllObjects()
            .OfType<PdfSharp.Pdf.PdfDictionary>().Where(d => d.Stream is not null).Select(d => System.Text.Encoding.Latin1.GetString(d.Stream!.UnfilteredValue)));
        foreach (var marker in HostileFiles.ActivePdfMarkers)
        {
            Assert.DoesNotContain(marker, everything, StringComparison.Ordinal);
        }
        foreach (var key in new[] { "/OpenAction", "/AA", "/JavaScript", "/JS", "/EmbeddedFiles", "/FileAttachment", "/URI" })
        {
            Assert.DoesNotContain(key + " ", everything.Replace("/JavaScript", "/JavaScript ", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        Assert.Contains("catatan", everything, StringComparison.Ordinal); // what the annotation says stays; who wrote it goes
    }

    [Fact]
    public async Task Issue10_PdfSentNamedAsAPhoto_IsLabelledByItsBytes()
    {
        using var bot = new TestBot();
        await EvidenceTests.ToEvidenceStepAsync(bot);

        var added = await EvidenceTests.SendFileAsync(bot, "foto.jpg", "image/jpeg", HostileFiles.ActivePdf());

        var evidence = Assert.Single(added.State.Private!.Draft!.Evidence);
        Assert.Equal("dokumen-1", evidence.FileName);
        Assert.Equal("application/pdf", evidence.MimeType);
        using var connection = bot.Get<SqliteDatabase>().Open();
        var stored = bot.Get<EvidenceFiles>().Read(connection.QuerySingle<string>("SELECT file_id FROM evidence_files"));
        Assert.True(stored.AsSpan().StartsWith("%PDF-"u8));
        Assert.DoesNotContain("OPENACTION-SUBMIT", System.Text.Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
    }
}
