using Dapper;
using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs;
using NetralBot.Storage;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace NetralBot.Tests;

/// <summary>Photos as evidence: metadata removed before anything is written, encrypted on disk, limits enforced.</summary>
public class EvidenceTests
{
    private const string Camera = "KameraRahasiaBudi";

    internal static async Task ToEvidenceStepAsync(TestBot bot)
    {
        foreach (var (text, payload) in new (string?, string?)[]
        {
            ("/lapor", null), (null, Payloads.Continue), ("2", null), ("Kabid X", null), ("Dinas Y", null), ("Kota Z", null),
            (null, Payloads.Skip), ("kemarin", null), ("Kabid X mengunggah video ajakan memilih calon walikota nomor 1 di akun TikTok pribadinya.", null),
        })
        {
            await bot.SendAsync("chat", text, payload);
        }
    }

    internal static Task<StepOutcome> SendFileAsync(TestBot bot, string name, string mime, byte[] content, string chat = "chat") =>
        bot.Conversations.HandleAsync(new InboundMessage("telegram", chat, null, Attachment: new Attachment(name, mime, content)));

    internal static byte[] PhotoWithGpsAndCamera()
    {
        using var image = new Image<Rgba32>(40, 30, new Rgba32(200, 30, 30));
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, Camera);
        exif.SetValue(ExifTag.Model, "Model-X1");
        exif.SetValue(ExifTag.GPSLatitudeRef, "S");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(6, 1), new Rational(12, 1), new Rational(3456, 100)]);
        image.Metadata.ExifProfile = exif;
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream);
        return stream.ToArray();
    }

    [Fact]
    public async Task Photo_IsStrippedOfExifAndGps_ThenEncrypted_AndGoesWithTheTip()
    {
        using var bot = new TestBot(settings: new Dictionary<string, string?> { ["Admins:Users:0"] = "telegram:777" });
        await ToEvidenceStepAsync(bot);
        var original = PhotoWithGpsAndCamera();
        Assert.Contains(Camera, System.Text.Encoding.Latin1.GetString(original), StringComparison.Ordinal);

        var added = await SendFileAsync(bot, "IMG_budi_santoso.jpg", "image/jpeg", original);
        Assert.Contains("(1)", added.Replies[0].Text, StringComparison.Ordinal);
        await bot.SendAsync("chat", "selesai");
        var review = await bot.SendAsync("chat", null, Payloads.Send);
        Assert.DoesNotContain("budi_santoso", string.Join(' ', review.Replies.Select(r => r.Text)), StringComparison.Ordinal);

        using var connection = bot.Get<Database>().Open();
        var fileId = connection.QuerySingle<string>("SELECT file_id FROM evidence_files WHERE tip_id = 1");
        var files = bot.Get<EvidenceFiles>();
        var onDisk = await File.ReadAllBytesAsync(Directory.GetFiles(Path.Combine(bot.Folder, "evidence")).Single());
        Assert.DoesNotContain(Camera, System.Text.Encoding.Latin1.GetString(onDisk), StringComparison.Ordinal);
        Assert.False(onDisk.AsSpan().StartsWith(new byte[] { 0xFF, 0xD8 })); // not a plain JPEG on disk

        var stored = files.Read(fileId);
        Assert.DoesNotContain(Camera, System.Text.Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        using var decoded = Image.Load(stored);
        Assert.Null(decoded.Metadata.ExifProfile);
        Assert.Equal(40, decoded.Width);
        Assert.DoesNotContain("budi", bot.DatabaseBytesAsText(), StringComparison.Ordinal);

        var forReviewer = await bot.SendAsync("admin", "/tipfiles 1", sender: "777");
        var file = Assert.Single(forReviewer.Replies).File!;
        Assert.Equal("laporan-1-bukti-1.jpg", file.Name);
        Assert.Equal(stored, file.Content);
    }

    [Theory]
    [InlineData("laporan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 2000, "belum bisa diterima")]
    [InlineData("rusak.pdf", "application/pdf", 2000, "tidak bisa dibaca")]
    [InlineData("video.mp4", "video/mp4", 2000, "belum bisa diterima")]
    [InlineData("besar.jpg", "image/jpeg", 11 * 1024 * 1024, "terlalu besar")]
    [InlineData("rusak.jpg", "image/jpeg", 5000, "tidak bisa dibaca")]
    public async Task BadFiles_GetAClearReply_AndTheDraftStaysAsItWas(string name, string mime, int size, string expected)
    {
        using var bot = new TestBot();
        await ToEvidenceStepAsync(bot);
        var junk = new byte[size];
        new Random(42).NextBytes(junk);

        var outcome = await SendFileAsync(bot, name, mime, junk);
        Assert.Contains(expected, outcome.Replies[0].Text, StringComparison.Ordinal);
        Assert.Equal("ReportEvidence", outcome.State.State);
        Assert.Empty(outcome.State.Private!.Draft!.Evidence);
        Assert.Equal("Kabid X", outcome.State.Private.Draft.Who);

        using var connection = bot.Get<Database>().Open();
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM evidence_files"));
        Assert.False(Directory.Exists(Path.Combine(bot.Folder, "evidence")) && Directory.EnumerateFiles(Path.Combine(bot.Folder, "evidence")).Any());
    }

    [Fact]
    public async Task Pdf_LosesItsAuthorAndXmp_AndIsKeptEncrypted()
    {
        using var bot = new TestBot();
        await ToEvidenceStepAsync(bot);
        byte[] original;
        using (var document = new PdfSharp.Pdf.PdfDocument())
        {
            document.Info.Author = "Budi Santoso Pelapor";
            document.Info.Creator = "Laptop-Budi";
            document.AddPage();
            var xmp = new PdfSharp.Pdf.PdfDictionary(document);
            xmp.CreateStream(System.Text.Encoding.UTF8.GetBytes("<x:xmpmeta><dc:creator>Budi Santoso Pelapor</dc:creator></x:xmpmeta>"));
            document.Internals.AddObject(xmp);
            document.Internals.Catalog.Elements["/Metadata"] = xmp.Reference;
            using var stream = new MemoryStream();
            document.Save(stream, false);
            original = stream.ToArray();
        }
        Assert.Contains("Budi Santoso", System.Text.Encoding.Latin1.GetString(original), StringComparison.Ordinal);

        var added = await SendFileAsync(bot, "laporan budi.pdf", "application/pdf", original);
        Assert.Contains("(1)", added.Replies[0].Text, StringComparison.Ordinal);
        Assert.Equal("dokumen-1", added.State.Private!.Draft!.Evidence.Single().FileName);

        using var connection = bot.Get<Database>().Open();
        var stored = bot.Get<EvidenceFiles>().Read(connection.QuerySingle<string>("SELECT file_id FROM evidence_files"));
        var text = System.Text.Encoding.Latin1.GetString(stored);
        Assert.StartsWith("%PDF-", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Budi", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Laptop", text, StringComparison.Ordinal);
        using var reopened = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(stored), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Modify);
        Assert.Equal(1, reopened.PageCount);
        // PDFsharp writes its own XMP (empty creator, no dates, random ids); what matters is that nothing of the sender's remains.
        var streams = reopened.Internals.GetAllObjects().OfType<PdfSharp.Pdf.PdfDictionary>().Where(d => d.Stream is not null);
        Assert.DoesNotContain(streams, d => System.Text.Encoding.Latin1.GetString(d.Stream!.UnfilteredValue).Contains("Budi", StringComparison.Ordinal));
    }
}
