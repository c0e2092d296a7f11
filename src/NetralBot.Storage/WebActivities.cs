using Dapper;

namespace NetralBot.Storage;

/// <summary>
/// The web chat's conversations and their most recent activities, shared by every worker on the database: a client's
/// poll or stream may reach any of them, and a conversation survives a restart. A conversation is stored under a keyed
/// hash of its id (the id is the visitor's credential together with the token); each activity's JSON is encrypted, since
/// a reply can hold a tip's receipt code.
/// <para>
/// A report's activities are private (see migration 016): a poll that acknowledges one deletes it, and one sent is
/// forgotten after a grace even if no acknowledgement comes, so a report's text and receipt do not wait for the idle sweep.
/// </para>
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

    /// <summary>One stored activity: its watermark, its JSON and whether it belongs to a report.</summary>
    public sealed record Stored(long Watermark, string Json, bool Private = false);

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

    private const string Insert = """
        INSERT INTO web_activities (conversation_key, watermark, content, private) VALUES (@Key, @Watermark, @Content, @Private)
        """;

    private const string Trim = "DELETE FROM web_activities WHERE conversation_key = @Key AND watermark <= @Oldest";

    /// <summary>
    /// Adds an activity: <paramref name="render"/> gets its watermark and returns its JSON. With <paramref name="create"/>
    /// false the conversation must still exist (a broadcast to a conversation forgotten as idle): null when it does not.
    /// A <paramref name="isPrivate"/> one (part of a report) is deleted once delivered (<see cref="Poll"/>,
    /// <see cref="Sent"/>).
    /// </summary>
    public long? Append(string conversationId, Func<long, string> render, bool create = true, bool isPrivate = false)
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
        connection.Execute(Insert, new { Key = key, Watermark = w, Content = cipher.EncryptText(render(w), Purpose), Private = isPrivate }, transaction);
        connection.Execute(Trim, new { Key = key, Oldest = w - Kept }, transaction); // numbers are consecutive
        transaction.Commit();
        return w;
    }

    private const string SelectAfter = """
        SELECT watermark, content, private FROM web_activities WHERE conversation_key = @Key AND watermark > @After ORDER BY watermark
        """;

    // Dapper expands a list into (@Keys1, @Keys2, …) for SQLite but passes it to Npgsql as one array parameter.
    private const string TouchIfStaleSqlite = "UPDATE web_conversations SET last_used = @Now WHERE conversation_key IN @Keys AND last_used < @Stale";
    private const string TouchIfStalePostgres = "UPDATE web_conversations SET last_used = @Now WHERE conversation_key = ANY (@Keys) AND last_used < @Stale";

    /// <summary>The kept activities after <paramref name="watermark"/>, oldest first; a poll also marks the conversation used.</summary>
    public IReadOnlyList<Stored> After(string conversationId, long watermark, bool touch = true)
    {
        using var connection = database.Open();
        return After(connection, KeyOf(conversationId), watermark, touch);
    }

    private List<Stored> After(System.Data.Common.DbConnection connection, string key, long watermark, bool touch)
    {
        var rows = connection.Query<(long Watermark, byte[] Content, bool Private)>(SelectAfter, new { Key = key, After = watermark })
            .Select(r => new Stored(r.Watermark, cipher.DecryptText(r.Content, Purpose), r.Private))
            .ToList();
        if (touch)
        {
            Touch(connection, [key]);
        }
        return rows;
    }

    private const string MarkPrivate = "UPDATE web_activities SET private = TRUE WHERE conversation_key = @Key AND watermark = @Watermark";

    /// <summary>
    /// Makes an activity already stored private: the visitor's message, once its step turned out to be part of a report.
    /// It may have been sent already (a stream gets it as soon as it is posted), so it is treated as sent now.
    /// </summary>
    public void MakePrivate(string conversationId, long watermark, DateTimeOffset forgetAfter)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(MarkPrivate, new { Key = KeyOf(conversationId), Watermark = watermark }, transaction);
        connection.Execute(MarkSent, new { Key = KeyOf(conversationId), UpTo = watermark, ForgetAfter = UnixTime.ToMs(forgetAfter) }, transaction);
        transaction.Commit();
    }

    private const string MarkSent = """
        UPDATE web_activities SET forget_after = @ForgetAfter
        WHERE conversation_key = @Key AND private AND forget_after IS NULL AND watermark <= @UpTo
        """;

    /// <summary>
    /// The private activities up to <paramref name="upTo"/> were sent to the client: they are forgotten at
    /// <paramref name="forgetAfter"/> unless acknowledged before (a stream has no acknowledgement).
    /// </summary>
    public void Sent(string conversationId, long upTo, DateTimeOffset forgetAfter)
    {
        using var connection = database.Open();
        connection.Execute(MarkSent, new { Key = KeyOf(conversationId), UpTo = upTo, ForgetAfter = UnixTime.ToMs(forgetAfter) });
    }

    private const string SelectPrivateUpTo = """
        SELECT EXISTS (SELECT 1 FROM web_activities WHERE conversation_key = @Key AND private AND watermark <= @UpTo)
        """;

    private const string DeletePrivateUpTo = "DELETE FROM web_activities WHERE conversation_key = @Key AND private AND watermark <= @UpTo";

    /// <summary>
    /// A client's poll with the last watermark it saw: the private activities up to it were delivered and are deleted (a
    /// read first, so that polling every second costs no write), then the kept activities after it, oldest first.
    /// </summary>
    public IReadOnlyList<Stored> Poll(string conversationId, long watermark)
    {
        var key = KeyOf(conversationId);
        using var connection = database.Open();
        if (connection.ExecuteScalar<bool>(SelectPrivateUpTo, new { Key = key, UpTo = watermark }))
        {
            connection.Execute(DeletePrivateUpTo, new { Key = key, UpTo = watermark });
        }
        return After(connection, key, watermark, touch: true);
    }

    private const string DeleteForgotten = "DELETE FROM web_activities WHERE forget_after IS NOT NULL AND forget_after <= @Now";

    /// <summary>Deletes the private activities sent longer ago than their grace (of every conversation); returns how many.</summary>
    public int ForgetSent()
    {
        using var connection = database.Open();
        return connection.Execute(DeleteForgotten, new { Now = Now() });
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
