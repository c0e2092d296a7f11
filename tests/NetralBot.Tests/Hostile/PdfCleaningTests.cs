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
    public async Task Issue10_PdfNested200000LevelsDeep_GetsTheUnreadableReply_InsteadOfAStackOverflow()
    {
        using var bot = new TestBot();
        await EvidenceTests.ToEvidenceStepAsync(bot);
        var deep = HostileFiles.DeeplyNestedPdf(200_000, compressed: false);
        Assert.InRange(deep.Length, 300_000, 500_000);

        var outcome = await EvidenceTests.SendFileAsync(bot, "laporan.pdf", "application/pdf", deep);

        Assert.Contains("tidak bisa dibaca", outcome.Replies[0].Text, StringComparison.Ordinal);
        Assert.Empty(outcome.State.Private!.Draft!.Evidence);
        Assert.Contains("(1)", (await EvidenceTests.SendFileAsync(bot, "laporan.pdf", "application/pdf", HostileFiles.Pdf())).Replies[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Issue10_DeepNestingInPlainOrCompressedObjects_IsRefusedBeforeParsing(bool compressed)
    {
        var error = Assert.Throws<UnreadableEvidenceException>(() => EvidenceCleaner.Clean(HostileFiles.DeeplyNestedPdf(1_000, compressed)));
        Assert.Contains("nested more than 256 levels", error.Message, StringComparison.Ordinal);
        // Ordinary nesting passes the check (this page-less file may still be refused by PDFsharp, for another reason).
        var ordinary = Record.Exception(() => EvidenceCleaner.Clean(HostileFiles.DeeplyNestedPdf(20, compressed)));
        Assert.DoesNotContain("nested", ordinary?.Message ?? "", StringComparison.Ordinal);
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
        using var connection = bot.Get<Database>().Open();
        var stored = bot.Get<EvidenceFiles>().Read(connection.QuerySingle<string>("SELECT file_id FROM evidence_files"));
        Assert.True(stored.AsSpan().StartsWith("%PDF-"u8));
        Assert.DoesNotContain("OPENACTION-SUBMIT", System.Text.Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
    }
}
