using Dapper;

namespace NetralBot.Storage;

/// <summary>
/// When each subscriber last wrote to the bot, for WhatsApp's 24-hour customer-service window (free-form messages
/// only within 24 h of the person's last message). Kept on the subscriber's row only, and only to the day (UTC), as
/// a conversation's last activity is: an exact time could be matched with a tip's hour. The window is therefore
/// taken as open until 24 h after the start of that day, never longer than the real one; a send the platform still
/// refuses falls back to the template.
/// </summary>
public sealed class ServiceWindows(Database database, TimeProvider time)
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    private const string Touch = """
        UPDATE subscribers SET last_inbound_at = @Day
        WHERE channel = @Channel AND chat_id = @ChatId AND (last_inbound_at IS NULL OR last_inbound_at <> @Day)
        """;

    /// <summary>The person just wrote (a no-op for people who are not subscribers).</summary>
    public void RecordInbound(string channel, string chatId)
    {
        using var connection = database.Open();
        connection.Execute(Touch, new { Channel = channel, ChatId = chatId, Day = UnixTime.ToDayMs(time.GetUtcNow()) });
    }

    /// <summary>The same inside the step that subscribes the person (their first message counts too).</summary>
    public void RecordInbound(StoreTransaction work, string channel, string chatId) =>
        work.Connection.Execute(Touch, new { Channel = channel, ChatId = chatId, Day = UnixTime.ToDayMs(time.GetUtcNow()) }, work.Transaction);

    private const string SelectLast = "SELECT last_inbound_at FROM subscribers WHERE channel = @Channel AND chat_id = @ChatId";

    /// <summary>True while a free-form message may still be sent to this person.</summary>
    public bool IsOpen(string channel, string chatId)
    {
        using var connection = database.Open();
        var day = connection.QuerySingleOrDefault<long?>(SelectLast, new { Channel = channel, ChatId = chatId });
        return day is { } ms && UnixTime.FromMs(ms) + Length > time.GetUtcNow();
    }
}
