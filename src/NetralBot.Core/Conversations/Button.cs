namespace NetralBot.Core.Conversations;

/// <summary>A choice under a reply: the label shown and the short payload sent back (≤ 64 bytes, Telegram's limit).</summary>
public sealed record Button(string Label, string Payload);
