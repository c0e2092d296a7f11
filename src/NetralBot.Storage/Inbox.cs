using System.Data.Common;
using Dapper;

namespace NetralBot.Storage;

/// <summary>
/// Messages a channel handed over and the bot has not answered yet: a webhook writes each one here (durably, with its
/// repeat check) before it acknowledges the delivery, and a worker takes it, answers it and deletes it. Only the
/// oldest message of a conversation can be taken, so one conversation's messages are answered in order, one at a
/// time, while different conversations go in parallel, across workers too. On PostgreSQL a taken row stays locked
/// (FOR UPDATE SKIP LOCKED, in a transaction held until it is answered): a worker that dies releases it with its
/// connection and another worker takes it over at once. On SQLite this process is the only worker: a row is marked
/// taken, and marks left by a crash are cleared at start-up. A message answered but not yet deleted when a worker died
/// is answered again: only messages in flight at a crash can be answered twice. Each take is counted (committed before
/// the message is handled), so a message whose handling ends the process every time can be recognised and dropped.
/// </summary>
public sealed class Inbox(Database database, SeenUpdates seen, TipCipher cipher, TimeProvider time)
{
    private const string PayloadPurpose = "inbox.payload";

    private const string InsertRow = """
        INSERT INTO inbox (channel, conversation_key, payload, received_at) VALUES (@Channel, @Key, @Payload, @Now)
        """;

    /// <summary>
    /// Keeps a message unless its delivery id was seen within <paramref name="window"/> (a repeat: false). The row is
    /// on disk when this returns, so the delivery may be acknowledged.
    /// </summary>
    /// <param name="seenKey">The delivery's id for the repeat check (a keyed hash where ids identify people).</param>
    /// <param name="conversationKey">The conversation's keyed hash (<c>ConversationKeys</c>): the order is kept per key.</param>
    public bool Add(string channel, long seenKey, TimeSpan? window, string conversationKey, ReadOnlySpan<byte> payload)
    {
        var sealedPayload = cipher.Encrypt(payload, PayloadPurpose);
        using var connection = database.Open(durable: true);
        using var transaction = connection.BeginTransaction();
        if (!seen.TryAdd(new StoreTransaction(connection, transaction), channel, seenKey, window))
        {
            return false;
        }
        connection.Execute(InsertRow, new { Channel = channel, Key = conversationKey, Payload = sealedPayload, Now = UnixTime.ToMs(time.GetUtcNow()) }, transaction);
        transaction.Commit();
        return true;
    }

    // The oldest row of its conversation, oldest first.
    private const string TakeSqlite = """
        UPDATE inbox SET taken = 1
        WHERE id = (SELECT i.id FROM inbox i
                    WHERE i.taken = 0
                      AND NOT EXISTS (SELECT 1 FROM inbox e WHERE e.conversation_key = i.conversation_key AND e.id < i.id)
                    ORDER BY i.id LIMIT 1)
        RETURNING id AS Id, channel AS Channel, payload AS Payload
        """;

    private const string TakePostgres = """
        SELECT i.id AS Id, i.channel AS Channel, i.payload AS Payload FROM inbox i
        WHERE NOT EXISTS (SELECT 1 FROM inbox e WHERE e.conversation_key = i.conversation_key AND e.id < i.id)
        ORDER BY i.id LIMIT 1
        FOR UPDATE OF i SKIP LOCKED
        """;

    /// <summary>Takes the next message no one is handling whose conversation has nothing older waiting; null when none.</summary>
    public Lease? TryTake()
    {
        var connection = database.Open();
        DbTransaction? transaction = null;
        try
        {
            if (database.IsPostgres)
            {
                transaction = connection.BeginTransaction();
                var row = connection.QuerySingleOrDefault<Row>(TakePostgres, transaction: transaction);
                if (row is not null)
                {
                    var lease = new Lease(this, row.Id, row.Channel, cipher.Decrypt(row.Payload, PayloadPurpose), CountAttempt(row.Id), connection, transaction);
                    connection = null; // the lease holds the lock until it is answered
                    return lease;
                }
                return null;
            }
            var taken = connection.QuerySingleOrDefault<Row>(TakeSqlite);
            return taken is null ? null : new Lease(this, taken.Id, taken.Channel, cipher.Decrypt(taken.Payload, PayloadPurpose), CountAttempt(taken.Id), null, null);
        }
        finally
        {
            if (connection is not null)
            {
                transaction?.Dispose();
                connection.Dispose();
            }
        }
    }

    private const string UpsertAttempt = """
        INSERT INTO inbox_attempts (inbox_id, attempts) VALUES (@Id, 1)
        ON CONFLICT (inbox_id) DO UPDATE SET attempts = inbox_attempts.attempts + 1
        RETURNING attempts
        """;

    /// <summary>Counts a take of message <paramref name="id"/> in its own transaction (on PostgreSQL on another
    /// connection than the one holding the row), so the count survives a crash while it is handled.</summary>
    private int CountAttempt(long id)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int>(UpsertAttempt, new { Id = id });
    }

    private const string ClearTaken = "UPDATE inbox SET taken = 0 WHERE taken = 1";

    /// <summary>
    /// SQLite, at start-up: messages a crash left taken are waiting again (this process is the only worker). Returns
    /// how many. PostgreSQL needs nothing: a dead worker's locks went with its connection.
    /// </summary>
    public int ReleaseTakenAtStart()
    {
        if (database.IsPostgres)
        {
            return 0;
        }
        using var connection = database.Open();
        return connection.Execute(ClearTaken);
    }

    /// <summary>Messages waiting or being answered (all workers).</summary>
    public int Count()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM inbox");
    }

    private const string DeleteRow = "DELETE FROM inbox WHERE id = @Id; DELETE FROM inbox_attempts WHERE inbox_id = @Id";

    private const string ReleaseRow = "UPDATE inbox SET taken = 0 WHERE id = @Id";

    private void Finish(long id, bool answered)
    {
        using var connection = database.Open();
        connection.Execute(answered ? DeleteRow : ReleaseRow, new { Id = id });
    }

    private sealed record Row(long Id, string Channel, byte[] Payload);

    /// <summary>
    /// A taken message. <see cref="Complete"/> once it is answered (the row is deleted); disposing it without that
    /// puts it back for the next take (a worker stopping in the middle).
    /// </summary>
    public sealed class Lease : IDisposable
    {
        private readonly Inbox _inbox;
        private readonly DbConnection? _held;
        private readonly DbTransaction? _lock;
        private bool _done;

        internal Lease(Inbox inbox, long id, string channel, byte[] payload, int attempts, DbConnection? held, DbTransaction? heldLock)
        {
            _inbox = inbox;
            Id = id;
            Channel = channel;
            Payload = payload;
            Attempts = attempts;
            _held = held;
            _lock = heldLock;
        }

        public long Id { get; }

        public string Channel { get; }

        /// <summary>How many times the message has been taken, this time included: more than once after a crash or stop.</summary>
        public int Attempts { get; }

        /// <summary>The message as the channel wrote it (decrypted).</summary>
        public byte[] Payload { get; }

        /// <summary>The message was answered: it is deleted and the next one of its conversation can be taken.</summary>
        public void Complete()
        {
            if (_held is not null)
            {
                _held.Execute(DeleteRow, new { Id }, _lock);
                _lock!.Commit();
            }
            else
            {
                _inbox.Finish(Id, answered: true);
            }
            _done = true;
        }

        public void Dispose()
        {
            if (_held is not null)
            {
                _lock!.Dispose(); // rolls back unless completed: the lock is released, the row waits again
                _held.Dispose();
            }
            else if (!_done)
            {
                _inbox.Finish(Id, answered: false);
            }
        }
    }
}
