namespace NetralBot.Tips;

/// <summary>Picks the cleaner by what the file is (its bytes), not by the name or type the sender claims.</summary>
public static class EvidenceCleaner
{
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();

    public static byte[] Clean(byte[] content) =>
        content.AsSpan().StartsWith(PdfMagic) ? DocumentSanitizer.Clean(content) : PhotoSanitizer.Clean(content);
}
