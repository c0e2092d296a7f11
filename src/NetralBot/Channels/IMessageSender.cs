using NetralBot.Core.Conversations;

namespace NetralBot.Channels;

/// <summary>
/// Sends messages the bot starts itself (broadcasts, an admin's progress report) to a chat of one channel. Each
/// channel paces its own sends (<see cref="OutboundPacer"/>): bulk messages only when no reply is waiting.
/// </summary>
public interface IMessageSender
{
    /// <summary>The channel name, as stored with subscribers ("telegram").</summary>
    string Channel { get; }

    Task<SendOutcome> SendAsync(string chatId, Reply reply, Traffic traffic, CancellationToken cancellationToken);

    /// <summary>Replaces the text of a message the bot sent earlier (a progress message edited in place).</summary>
    Task<SendOutcome> EditAsync(string chatId, string messageId, Reply reply, CancellationToken cancellationToken);
}

/// <summary>Which messages go first when the channel's rate is the limit.</summary>
public enum Traffic
{
    /// <summary>Answers to people and admins: always first.</summary>
    Reply,
    /// <summary>Broadcasts: within their own share, and only while no reply is waiting.</summary>
    Bulk,
}

/// <summary>How a send went.</summary>
public enum SendStatus
{
    Sent,
    /// <summary>The person blocked the bot: stop sending to them.</summary>
    Blocked,
    /// <summary>Failed after the channel's own retries; the reason goes into the delivery report.</summary>
    Failed,
    /// <summary>Not sent, and trying again would not help (WhatsApp: outside the 24-hour window without a template).</summary>
    NotSent,
}

/// <summary>The result of one send; <paramref name="MessageId"/> is the channel's id of the (last) message sent (what
/// <see cref="IMessageSender.EditAsync"/> takes); <paramref name="StatusKey"/> a keyed hash by which the channel's later
/// delivery statuses name it (WhatsApp), never the raw id.</summary>
public sealed record SendOutcome(SendStatus Status, string? Reason = null, string? MessageId = null, string? StatusKey = null)
{
    public static SendOutcome Sent { get; } = new(SendStatus.Sent);
}
