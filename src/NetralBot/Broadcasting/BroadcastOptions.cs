using System.ComponentModel.DataAnnotations;

namespace NetralBot.Broadcasting;

/// <summary>How broadcasts are sent, retried and reported. Their pace is each channel's (e.g. Telegram:BroadcastMessagesPerSecond).</summary>
public sealed class BroadcastOptions
{
    public const string SectionName = "Broadcasts";

    /// <summary>Attempts for one message before it counts as failed (after the channel's own retries).</summary>
    [Range(1, 10, ErrorMessage = "Broadcasts:MaxAttempts must be between 1 and 10.")]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Messages in flight at once. The channel's pace sets the rate; a few in flight keep that rate when each send
    /// takes longer than the gap between two (Telegram answers in 50–300 ms; at 25/s the gap is 40 ms).
    /// </summary>
    [Range(1, 64, ErrorMessage = "Broadcasts:Concurrency must be between 1 and 64.")]
    public int Concurrency { get; set; } = 8;

    /// <summary>How often the admin's progress message is updated, in seconds.</summary>
    [Range(1, 600, ErrorMessage = "Broadcasts:ProgressSeconds must be between 1 and 600.")]
    public int ProgressSeconds { get; set; } = 5;
}
