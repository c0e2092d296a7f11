using Dapper;

namespace NetralBot.Storage;

/// <summary>Who blocked the bot: recorded on a 403, cleared when they write again; senders check it before sending.</summary>
public sealed class BlockedConversations(SqliteDatabase database, TimeProvider time)
{
    private const string Insert = """
        INSERT INTO blocked_conversations (conversation_key, blocked_at) VALUES (@Key, @Now)
        ON CONFLICT (conversation_key) DO NOTHING
        """;

    public void Mark(string conversationKey)
    {
        using var connection = database.Open();
        connection.Execute(Insert, new { Key = conversationKey, Now = UnixTime.ToMs(time.GetUtcNow()) });
    }

    private const string Delete = "DELETE FROM blocked_conversations WHERE conversation_key = @Key";

    public void Clear(string conversationKey)
    {
        using var connection = database.Open();
        connection.Execute(Delete, new { Key = conversationKey });
    }

    private const string Exists = "SELECT EXISTS (SELECT 1 FROM blocked_conversations WHERE conversation_key = @Key)";

    public bool IsBlocked(string conversationKey)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<bool>(Exists, new { Key = conversationKey });
    }
}
