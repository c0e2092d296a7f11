using System.ComponentModel.DataAnnotations;

namespace NetralBot.Broadcasting;

/// <summary>How broadcasts are paced and retried.</summary>
public sealed class BroadcastOptions
{
    public const string SectionName = "Broadcasts";

    /// <summary>Broadcast messages per second over all chats (a share of the channel's limit, so replies keep flowing).</summary>
    [Range(1, 100_000, ErrorMessage = "Broadcasts:MessagesPerSecond must be between 1 and 100000.")]
    public int MessagesPerSecond { get; set; } = 25;

    /// <summary>Attempts for one message before it counts as failed (after the channel's own retries).</summary>
    [Range(1, 10, ErrorMessage = "Broadcasts:MaxAttempts must be between 1 and 10.")]
    public int MaxAttempts { get; set; } = 3;
}
