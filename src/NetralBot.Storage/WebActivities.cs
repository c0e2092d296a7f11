using Dapper;

namespace NetralBot.Storage;

/// <summary>
/// The web chat's conversations and their most recent activities, shared by every worker on the database: a client's
/// poll or stream may reach any of them, and a conversation survives a restart. A conversation is stored under a keyed
/// hash of its id (the id is the visitor's credential together with the token); each activity's JSON is encrypted, since
/// a reply can hold a tip's receipt code.
/// <para>
/// Watermarks: each conversation row counts its own. Taking the next number locks the row until the activity is
/// committed, so within one conversation numbers are consecutive and become visible in order: a reader that has seen N
/// never misses a smaller one committed later (a shared sequence would not promise that). A new row starts at the clock
/// in microseconds, so a conversation forgotten as idle and opened again still only grows.
/// </para>
/// </summary>
public sealed class WebActivities(Database database, TipCipher cipher, ConversationKeys keys, TimeProvider time)
{
    /// <summary>Activities kept per conversation, for clients that poll late or reconnect a stream.</summary>
    public const int Kept = 64;

    private const string Purpose = "web-activity";

    /// <summary>Conversations per statement when a worker asks about all of its streams (SQLite limits parameters).</summary>
    private const int ListChunk = 1000;

    /// <summary>The channel name the conversation key is derived with (not "web": the dialog state has that one).</summary>
    private const string KeyDomain = "directline";

    /// <summary>One stored activity: its watermark and its JSON.</summary>
    public sealed record Stored(long Watermark, string Json);

    private const string OpenOrTouch = """
        INSERT INTO web_conversations (conversation_key, last_watermark, last_used) VALUES (@Key, @Seed, @Now)
        ON CONFLICT (conversation_key) DO UPDATE SET last_used = excluded.last_used
        """;

    /// <summary>Starts a conversation, or marks an existing one as used.</summary>
    public void Open(string conversationId)
    {
        using var connection = database.Open();
        connection.Execute(OpenOrTouch, new { Key = KeyOf(conversationId), Seed = Seed(), Now = Now() });
    }

    private const string NextOrCreate = """
        INSERT INTO web_conversations (conversation_key, last_watermark, last_used) VALUES (@Key, @Seed, @Now)
        ON CONFLICT (conversation_key) DO UPDATE SET last_watermark = web_conversations.last_watermark + 1, last_used = excluded.last_used
        RETURNING last_watermark
        """;

    private const string NextIfOpen = """
        UPDATE web_conversations SET last_watermark = last_watermark + 1, last_used = @Now WHERE conversation_key = @Key
        RETURNING last_watermark
        """;

    private const string Insert = "INSERT INTO web_activities (conversation_key, watermark, content) VALUES (@Key, @Watermark, @Content)";

    private const string Trim = "DELETE FROM web_activities WHERE conversation_key = @Key AND watermark <= @Oldest";

    /// <summary>
    /// Adds an activity: <paramref name="render"/> gets its watermark and returns its JSON. With <paramref name="create"/>
    /// false the conversation must still exist (a broadcast to a conversation forgotten as idle): null when it does not.
    /// </summary>
    public long? Append(string conversationId, Func<long, string> render, bool create = true)
    {
        var key = KeyOf(conversationId);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var watermark = create
            ? connection.ExecuteScalar<long>(NextOrCreate, new { Key = key, Seed = Seed(), Now = Now() }, transaction)
            : connection.ExecuteScalar<long?>(NextIfOpen, new { Key = key, Now = Now() }, transaction);
        if (watermark is not { } w)
        {
            return null;
        }
        connection.Execute(Insert, new { Key = key, Watermark = w, Content = cipher.EncryptText(render(w), Purpose) }, transaction);
        connection.Execute(Trim, new { Key = key, Oldest = w - Kept }, transaction); // numbers are consecutive
        transaction.Commit();
        return w;
    }

    private const string SelectAfter = """
        SELECT watermark, content FROM web_activities WHERE conversation_key = @Key AND watermark > @After ORDER BY watermark
        """;

    // Dapper expands a list into (@Keys1, @Keys2, …) for SQLite but passes it to Npgsql as one array parameter.
    private const string TouchIfStaleSqlite = "UPDATE web_conversations SET last_used = @Now WHERE conversation_key IN @Keys AND last_used < @Stale";
    private const string TouchIfStalePostgres = "UPDATE web_conversations SET last_used = @Now WHERE conversation_key = ANY (@Keys) AND last_used < @Stale";

    /// <summary>The kept activities after <paramref name="watermark"/>, oldest first; a poll also marks the conversation used.</summary>
    public IReadOnlyList<Stored> After(string conversationId, long watermark, bool touch = true)
    {
        var key = KeyOf(conversationId);
        using var connection = database.Open();
        var rows = connection.Query<(long Watermark, byte[] Content)>(SelectAfter, new { Key = key, After = watermark })
            .Select(r => new Stored(r.Watermark, cipher.DecryptText(r.Content, Purpose)))
            .ToList();
        if (touch)
        {
            Touch(connection, [key]);
        }
        return rows;
    }

    private const string SelectLatestSqlite = "SELECT conversation_key, last_watermark FROM web_conversations WHERE conversation_key IN @Keys";
    private const string SelectLatestPostgres = "SELECT conversation_key, last_watermark FROM web_conversations WHERE conversation_key = ANY (@Keys)";

    /// <summary>The last watermark of each of these conversations that still exists, in one query.</summary>
    public IReadOnlyDictionary<string, long> Latest(IReadOnlyCollection<string> conversationIds)
    {
        var byKey = conversationIds.Distinct(StringComparer.Ordinal).ToDictionary(KeyOf, id => id, StringComparer.Ordinal);
        if (byKey.Count == 0)
        {
            return new Dictionary<string, long>();
        }
        using var connection = database.Open();
        return byKey.Keys.Chunk(ListChunk)
            .SelectMany(keys => connection.Query<(string Key, long LastWatermark)>(database.Sql(SelectLatestSqlite, SelectLatestPostgres), new { Keys = keys }))
            .ToDictionary(r => byKey[r.Key], r => r.LastWatermark, StringComparer.Ordinal);
    }

    /// <summary>Marks conversations used (those with a stream open): idle ones are forgotten, these are not.</summary>
    public void Touch(IReadOnlyCollection<string> conversationIds)
    {
        if (conversationIds.Count == 0)
        {
            return;
        }
        using var connection = database.Open();
        foreach (var keys in conversationIds.Select(KeyOf).Chunk(ListChunk))
        {
            Touch(connection, keys);
        }
    }

    /// <summary>Writes only when the mark is more than a minute old, so that polling every second costs no write.</summary>
    private void Touch(System.Data.Common.DbConnection connection, string[] keys) =>
        connection.Execute(database.Sql(TouchIfStaleSqlite, TouchIfStalePostgres), new { Keys = keys, Now = Now(), Stale = Now() - 60_000 });

    private const string DeleteIdleActivities = """
        DELETE FROM web_activities WHERE conversation_key IN (SELECT conversation_key FROM web_conversations WHERE last_used < @Cutoff)
        """;

    private const string DeleteIdle = "DELETE FROM web_conversations WHERE last_used < @Cutoff";

    /// <summary>
    /// Forgets conversations nobody used since <paramref name="cutoff"/>, with their activities; returns how many. Safe
    /// when several workers run it at once: each statement deletes what is idle when it runs, and an activity appended
    /// meanwhile marks its conversation used, so the conversation stays.
    /// </summary>
    public int Sweep(DateTimeOffset cutoff)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(DeleteIdleActivities, new { Cutoff = UnixTime.ToMs(cutoff) }, transaction);
        var deleted = connection.Execute(DeleteIdle, new { Cutoff = UnixTime.ToMs(cutoff) }, transaction);
        transaction.Commit();
        return deleted;
    }

    private string KeyOf(string conversationId) => keys.For(KeyDomain, conversationId);

    private long Now() => UnixTime.ToMs(time.GetUtcNow());

    /// <summary>Microseconds since 1970: larger than any number a conversation with the same id counted to before.</summary>
    private long Seed() => time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
}
