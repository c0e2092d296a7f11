namespace NetralBot.Storage;

/// <summary>The one place timestamps are converted: the database stores unix milliseconds (INTEGER).</summary>
internal static class UnixTime
{
    public static long ToMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
