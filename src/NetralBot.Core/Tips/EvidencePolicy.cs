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

    public static bool IsDocument(Attachment attachment) =>
        string.Equals(attachment.MimeType, "application/pdf", StringComparison.OrdinalIgnoreCase) ||
        attachment.FileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);

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
