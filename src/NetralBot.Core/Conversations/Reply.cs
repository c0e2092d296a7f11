namespace NetralBot.Core.Conversations;

/// <summary>
/// A channel-neutral reply: text with light markup (only **bold**; everything else is plain text that each
/// channel escapes for itself) and buttons.
/// </summary>
public sealed record Reply(string Text, IReadOnlyList<Button> Buttons)
{
    public Reply(string text) : this(text, []) { }
}
