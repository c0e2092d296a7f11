namespace NetralBot.Storage;

/// <summary>The one place timestamps are converted: the database stores unix milliseconds (INTEGER).</summary>
internal static class UnixTime
{
    public static long ToMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private const long HourMs = 3_600_000;

    /// <summary>
    /// The start of the hour (UTC): the times of a tip, so they cannot be joined with a sender's conversation row
    /// (whose time is kept to the day) or anything else written in the same milliseconds.
    /// </summary>
    public static long ToHourMs(DateTimeOffset time) => ToMs(time) / HourMs * HourMs;

    /// <summary>The start of the day (UTC): when a conversation was last active, all that needs to be known.</summary>
    public static long ToDayMs(DateTimeOffset time) => ToMs(time) / (24 * HourMs) * (24 * HourMs);
}
