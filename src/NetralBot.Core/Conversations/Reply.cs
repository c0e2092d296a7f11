namespace NetralBot.Core.Conversations;

/// <summary>
/// A channel-neutral reply: text with light markup (only **bold**; everything else is plain text that each
/// channel escapes for itself), buttons, and optionally a file (an admin's export).
/// </summary>
public sealed record Reply(string Text, IReadOnlyList<Button> Buttons, ReplyFile? File = null)
{
    public Reply(string text) : this(text, []) { }
}

/// <summary>A file sent with a reply.</summary>
public sealed record ReplyFile(string Name, string MimeType, byte[] Content);
