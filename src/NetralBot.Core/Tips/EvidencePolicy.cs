using NetralBot.Core.Conversations;

namespace NetralBot.Core.Tips;

/// <summary>Which files are taken as evidence: photos and PDF documents up to 10 MB (metadata removed before storing).</summary>
public static class EvidencePolicy
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = ".jpg", ["image/png"] = ".png", ["image/webp"] = ".webp", ["image/gif"] = ".gif",
        ["application/pdf"] = ".pdf",
    };

    /// <summary>A PDF by its bytes: the name and type a sender claims may say otherwise ("foto.jpg").</summary>
    public static bool IsDocument(Attachment attachment) => attachment.Content.AsSpan().StartsWith("%PDF-"u8);

    /// <summary>The type read from the bytes for the formats taken; the claimed type when the bytes do not say.</summary>
    public static string MimeTypeOf(Attachment attachment)
    {
        var bytes = attachment.Content.AsSpan();
        return bytes.StartsWith("%PDF-"u8) ? "application/pdf"
            : bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) ? "image/jpeg"
            : bytes.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }) ? "image/png"
            : bytes.StartsWith("GIF8"u8) ? "image/gif"
            : bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
            : attachment.MimeType;
    }

    public enum Verdict
    {
        Accepted,
        TooLarge,
        Unsupported,
        Empty,
    }

    public static Verdict Check(Attachment attachment)
    {
        if (Math.Max(attachment.Content.Length, attachment.DeclaredSize ?? 0) > MaxBytes)
        {
            return Verdict.TooLarge;
        }
        if (attachment.Content.Length == 0)
        {
            return Verdict.Empty;
        }
        var byType = Types.ContainsKey(attachment.MimeType);
        var byName = Types.ContainsValue(Path.GetExtension(attachment.FileName).ToLowerInvariant().Replace(".jpeg", ".jpg", StringComparison.Ordinal));
        return byType || byName ? Verdict.Accepted : Verdict.Unsupported;
    }

    /// <summary>A new random file id (32 hex characters) from the caller's randomness.</summary>
    public static string NewFileId(Func<int, byte[]> randomBytes) => Convert.ToHexStringLower(randomBytes(16));
}
