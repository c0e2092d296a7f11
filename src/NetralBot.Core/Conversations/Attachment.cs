namespace NetralBot.Core.Conversations;

/// <summary>A file a person sent (already downloaded by the channel): its name, declared type and bytes.</summary>
public sealed record Attachment(string FileName, string MimeType, byte[] Content);
