namespace NetralBot.Core.Conversations;

/// <summary>
/// A channel-neutral reply: text with light markup (only **bold**; everything else is plain text that each
/// channel escapes for itself), buttons, optionally a file (an admin's export) and optionally an image shown with
/// the text (a broadcast's picture).
/// </summary>
public sealed record Reply(string Text, IReadOnlyList<Button> Buttons, ReplyFile? File = null, byte[]? Image = null)
{
    public Reply(string text) : this(text, []) { }
}

/// <summary>A file sent with a reply.</summary>
public sealed record ReplyFile(string Name, string MimeType, byte[] Content);
