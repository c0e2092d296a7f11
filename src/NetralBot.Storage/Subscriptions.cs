using Dapper;

namespace NetralBot.Storage;

/// <summary>Who receives sosialisasi broadcasts: subscribe, unsubscribe, and deactivate when a person blocked the bot.</summary>
public sealed partial class Subscriptions(Database database, TimeProvider time)
{
    private const string Upsert = """
        INSERT INTO subscribers (channel, chat_id, language, regency, agency, active, subscribed_at, updated_at)
        VALUES (@Channel, @ChatId, @Language, @Regency, @Agency, TRUE, @Now, @Now)
        ON CONFLICT (channel, chat_id) DO UPDATE
            SET active = TRUE, language = excluded.language, regency = excluded.regency, agency = excluded.agency, updated_at = excluded.updated_at
        """;

    public void Subscribe(StoreTransaction work, string channel, string chatId, string language, string? regency = null, string? agency = null) =>
        work.Connection.Execute(Upsert, new { Channel = channel, ChatId = chatId, Language = language, Regency = regency, Agency = agency, Now = UnixTime.ToMs(time.GetUtcNow()) }, work.Transaction);

    private const string Deactivate = """
        UPDATE subscribers SET active = FALSE, updated_at = @Now WHERE channel = @Channel AND chat_id = @ChatId AND active = TRUE
        """;

    /// <summary>Stops broadcasts to this chat (after /berhenti, or when the channel reports the bot was blocked).</summary>
    public void Unsubscribe(StoreTransaction work, string channel, string chatId) =>
        work.Connection.Execute(Deactivate, new { Channel = channel, ChatId = chatId, Now = UnixTime.ToMs(time.GetUtcNow()) }, work.Transaction);

    public void Unsubscribe(string channel, string chatId)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Unsubscribe(new StoreTransaction(connection, transaction), channel, chatId);
        transaction.Commit();
    }

    private const string CountActive = """
        SELECT COUNT(*) FROM subscribers
        WHERE active = TRUE AND (@Regency IS NULL OR regency = @Regency) AND (@Agency IS NULL OR agency = @Agency)
        """;

    /// <summary>Active subscribers, in a segment when given.</summary>
    public int ActiveCount(string? regency = null, string? agency = null)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int>(CountActive, new { Regency = regency, Agency = agency });
    }
}
