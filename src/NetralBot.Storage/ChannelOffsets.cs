using Dapper;

namespace NetralBot.Storage;

/// <summary>Remembers the last update id a channel handled.</summary>
public sealed class ChannelOffsets(Database database, TimeProvider time)
{
    private const string Select = "SELECT last_update_id FROM channel_offsets WHERE channel = @Channel";

    public long? Load(string channel)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<long?>(Select, new { Channel = channel });
    }

    private const string Upsert = """
        INSERT INTO channel_offsets (channel, last_update_id, updated_at) VALUES (@Channel, @Id, @Now)
        ON CONFLICT (channel) DO UPDATE SET last_update_id = excluded.last_update_id, updated_at = excluded.updated_at
        """;

    public void Save(string channel, long lastUpdateId)
    {
        using var connection = database.Open();
        connection.Execute(Upsert, new { Channel = channel, Id = lastUpdateId, Now = UnixTime.ToMs(time.GetUtcNow()) });
    }
}
