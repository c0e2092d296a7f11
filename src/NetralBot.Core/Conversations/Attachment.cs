namespace NetralBot.Core.Conversations;

/// <summary>
/// A file a person sent: its name, declared type and bytes (downloaded by the channel). A file over the size
/// limit is not downloaded: <paramref name="DeclaredSize"/> then says how large it is and Content is empty.
/// </summary>
public sealed record Attachment(string FileName, string MimeType, byte[] Content, long? DeclaredSize = null);
