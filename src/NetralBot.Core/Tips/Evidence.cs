namespace NetralBot.Core.Tips;

/// <summary>One piece of evidence: a link, or a file the program stored (encrypted, metadata removed) under <paramref name="FileId"/>.</summary>
public sealed record Evidence(string? Link, string? FileId, string? FileName, string? MimeType, long Size)
{
    public static Evidence FromLink(string url) => new(url, null, null, null, 0);

    public bool IsFile => FileId is not null;
}
