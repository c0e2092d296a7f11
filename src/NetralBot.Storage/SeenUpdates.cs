using Dapper;

namespace NetralBot.Storage;

/// <summary>
/// The update ids a webhook has received in the last two days (Telegram keeps an undelivered update for a day),
/// so a repeat is recognised also after a restart while any id, higher or lower, that was not seen is taken.
/// A channel whose ids identify people (WhatsApp's wamid…) passes a keyed hash of the id folded to 64 bits, and its
/// own retry window.
/// </summary>
public sealed class SeenUpdates(Database database, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(2);

    private const string Insert = """
        INSERT INTO seen_updates (channel, update_id, seen_at) VALUES (@Channel, @Id, @Now)
        ON CONFLICT (channel, update_id) DO NOTHING
        """;

    private const string DeleteOld = "DELETE FROM seen_updates WHERE channel = @Channel AND seen_at < @Cutoff";

    /// <summary>Records the id; false when it was seen within the window (a repeat).</summary>
    public bool TryAdd(string channel, long updateId, TimeSpan? window = null)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var added = TryAdd(new StoreTransaction(connection, transaction), channel, updateId, window);
        transaction.Commit();
        return added;
    }

    /// <summary>The same within a caller's transaction (the inbox records the id with the message it keeps).</summary>
    public bool TryAdd(StoreTransaction work, string channel, long updateId, TimeSpan? window = null)
    {
        var now = time.GetUtcNow();
        work.Connection.Execute(DeleteOld, new { Channel = channel, Cutoff = UnixTime.ToMs(now - (window ?? Window)) }, work.Transaction);
        return work.Connection.Execute(Insert, new { Channel = channel, Id = updateId, Now = UnixTime.ToMs(now) }, work.Transaction) == 1;
    }
}
