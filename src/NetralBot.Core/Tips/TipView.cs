namespace NetralBot.Core.Tips;

/// <summary>What a tipster may see of their tip when following it up with the receipt code.</summary>
public sealed record TipView(TipStatus Status, string? StatusReason, DateTimeOffset CreatedAt, IReadOnlyList<TipMessage> Messages);

/// <summary>A message on a tip, from a reviewer or from the tipster.</summary>
public sealed record TipMessage(bool FromReviewer, string Text, DateTimeOffset At);
