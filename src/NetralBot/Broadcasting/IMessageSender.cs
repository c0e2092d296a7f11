using NetralBot.Core.Conversations;

namespace NetralBot.Broadcasting;

/// <summary>Sends a reply to a chat of one channel, for messages the bot starts itself (broadcasts).</summary>
public interface IMessageSender
{
    /// <summary>The channel name, as stored with subscribers ("telegram").</summary>
    string Channel { get; }

    Task<SendOutcome> SendAsync(string chatId, Reply reply, CancellationToken cancellationToken);
}

/// <summary>How a send went.</summary>
public enum SendStatus
{
    Sent,
    /// <summary>The person blocked the bot: stop sending to them.</summary>
    Blocked,
    /// <summary>Failed after the channel's own retries; the reason goes into the delivery report.</summary>
    Failed,
}

/// <summary>The result of one send.</summary>
public sealed record SendOutcome(SendStatus Status, string? Reason = null)
{
    public static SendOutcome Sent { get; } = new(SendStatus.Sent);
}
