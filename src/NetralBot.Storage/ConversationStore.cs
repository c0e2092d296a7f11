using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;

namespace NetralBot.Storage;

/// <summary>
/// Loads and saves conversation state, with its private part (tip draft, follow-up code) encrypted in its own
/// table; a committed step's questions go to the question log (written beside the steps, see <see cref="QuestionLog"/>).
/// </summary>
public sealed partial class ConversationStore(Database database, TipCipher cipher, QuestionLog log, TimeProvider time)
{
    private const string PrivatePurpose = "private_states.content";

    // The state and its private part in one statement: a step's one read.
    private const string SelectState = """
        SELECT c.state, c.context, p.content
        FROM conversations c LEFT JOIN private_states p ON p.conversation_key = c.conversation_key
        WHERE c.conversation_key = @Key
        """;

    /// <summary>The stored state, or null for a conversation never seen.</summary>
    public ConversationState? Load(string key)
    {
        using var connection = database.Open();
        using var statements = new Statements(connection);
        return Decode(Read(statements, null, key));
    }

    /// <summary>The conversation's row as stored (its private part still encrypted), or null for one never seen.</summary>
    private static StoredRow? Read(Statements statements, DbTransaction? transaction, string key)
    {
        using var reader = statements.For(SelectState, transaction, ("@Key", key)).ExecuteReader();
        return reader.Read()
            ? new StoredRow(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2))
            : null;
    }

    private ConversationState? Decode(StoredRow? row)
    {
        if (row is null)
        {
            return null;
        }
        var state = FromRow(row);
        return row.EncryptedPrivate is not { } encrypted ? state : state with
        {
            Private = JsonSerializer.Deserialize<PrivateState>(cipher.DecryptText(encrypted, PrivatePurpose), TipJson.Options),
        };
    }

    private const string UpsertState = """
        INSERT INTO conversations (conversation_key, state, context, updated_at)
        VALUES (@Key, @State, @Context, @UpdatedAt)
        ON CONFLICT (conversation_key) DO UPDATE
            SET state = excluded.state, context = excluded.context, updated_at = excluded.updated_at
        """;

    /// <summary>Saves the state after a step, then logs the step's questions.</summary>
    public void Save(string key, ConversationState state, IReadOnlyList<LogQuestion> questions)
    {
        using (var connection = database.Open())
        using (var statements = new Statements(connection))
        using (var transaction = connection.BeginTransaction())
        {
            Write(statements, transaction, key, state, heldPrivate: true);
            transaction.Commit();
        }
        log.Add(time.GetUtcNow(), questions);
    }

    /// <summary>
    /// Runs one step of a conversation atomically: reads the state (null when new), lets <paramref name="step"/>
    /// compute the next one, and writes it on one connection in one transaction; once committed, the step's questions
    /// are logged.
    /// </summary>
    /// <remarks>The step gets the transaction so what it stores elsewhere (a sent tip) commits or fails with the state.</remarks>
    public T Update<T>(string key, Func<ConversationState?, StoreTransaction, (ConversationState State, IReadOnlyList<LogQuestion> Questions, T Result)> step)
    {
        var (questions, result) = StepInTransaction(key, step);
        log.Add(time.GetUtcNow(), questions);
        return result;
    }

    private (IReadOnlyList<LogQuestion>, T) StepInTransaction<T>(string key, Func<ConversationState?, StoreTransaction, (ConversationState State, IReadOnlyList<LogQuestion> Questions, T Result)> step)
    {
        using var writer = database.TakeWriter(); // SQLite: the one long-lived writer connection, statements prepared once
        writer.Begin(durable: false); // SQLite: BEGIN IMMEDIATE, no lock upgrade between read and write
        var (connection, statements) = (writer.Connection, writer.Statements);
        if (database.IsPostgres)
        {
            // Several workers: one step of a conversation at a time (a web chat's messages may reach two workers).
            connection.Execute(LockConversation, new { Key = key }, writer.Transaction);
        }
        var row = Read(statements, writer.Transaction, key);
        if (row?.EncryptedPrivate is not null && !database.IsPostgres)
        {
            // Only a conversation holding a tip draft or a follow-up code can send a tip or add to one in this step: that
            // commit is on disk before the receipt code is shown (synchronous=FULL); other steps do not wait for the disk.
            // SQLite cannot change the level inside a transaction, so this read-only one is rolled back and the step
            // begins again at FULL (PostgreSQL's commits are durable anyway). Every other step reads once.
            writer.BeginAgain(durable: true);
            row = Read(statements, writer.Transaction, key);
        }
        var transaction = writer.Transaction;
        var stored = Decode(row);
        var (state, questions, result) = step(stored, new StoreTransaction(connection, transaction));
        Write(statements, transaction, key, state, heldPrivate: row?.EncryptedPrivate is not null);
        transaction.Commit();
        return (questions, result);
    }

    // Held until the step's transaction ends; a 64-bit hash of the (already keyed) conversation key.
    private const string LockConversation = "SELECT pg_advisory_xact_lock(hashtextextended(@Key, 0))";

    private const string UpsertPrivate = """
        INSERT INTO private_states (conversation_key, content, updated_at) VALUES (@Key, @Content, @UpdatedAt)
        ON CONFLICT (conversation_key) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at
        """;

    private const string DeletePrivate = "DELETE FROM private_states WHERE conversation_key = @Key";

    /// <param name="heldPrivate">False when the conversation is known to have no private part stored (nothing to delete).</param>
    private void Write(Statements statements, DbTransaction transaction, string key, ConversationState state, bool heldPrivate)
    {
        var now = UnixTime.ToMs(time.GetUtcNow());
        // The day only: a conversation row's time must not single out the tip (kept to the hour) its chat sent.
        statements.For(UpsertState, transaction, ("@Key", key), ("@State", state.State), ("@Context", ToJson(state)), ("@UpdatedAt", UnixTime.ToDayMs(time.GetUtcNow()))).ExecuteNonQuery();
        if (state.Private is { IsEmpty: false } secret)
        {
            var json = JsonSerializer.Serialize(secret, TipJson.Options);
            statements.For(UpsertPrivate, transaction, ("@Key", key), ("@Content", cipher.EncryptText(json, PrivatePurpose)), ("@UpdatedAt", now)).ExecuteNonQuery();
        }
        else if (heldPrivate)
        {
            statements.For(DeletePrivate, transaction, ("@Key", key)).ExecuteNonQuery();
        }
    }

    private static string ToJson(ConversationState state) => JsonSerializer.Serialize(new StoredContext(
        state.Language.ToCode(),
        state.Status.ToString(),
        state.LastRuleId,
        state.Offered.Select(b => new StoredButton(b.Label, b.Payload)).ToList(),
        state.WrongCodes,
        state.WrongCodesSince is { } since ? UnixTime.ToMs(since) : null), ContextJson.Default.StoredContext);

    private static ConversationState FromRow(StoredRow row)
    {
        var context = JsonSerializer.Deserialize(row.Context, ContextJson.Default.StoredContext) ?? new StoredContext("id", null, null, null, 0, null);
        return new ConversationState(
            row.State,
            LanguageCodes.Parse(context.Language) ?? Language.Indonesian,
            Enum.TryParse<AskerStatus>(context.Status, out var status) ? status : AskerStatus.Unknown,
            context.LastRuleId,
            context.Offered?.Select(b => new Button(b.Label, b.Payload)).ToList() ?? [],
            WrongCodes: context.WrongCodes,
            WrongCodesSince: context.WrongCodesSinceMs is { } ms ? UnixTime.FromMs(ms) : null);
    }

    private sealed record StoredRow(string State, string Context, byte[]? EncryptedPrivate);

    private sealed record StoredContext(string? Language, string? Status, string? LastRuleId, List<StoredButton>? Offered, int WrongCodes, long? WrongCodesSinceMs);

    private sealed record StoredButton(string Label, string Payload);

    // The context column's JSON by System.Text.Json's source generator: the same text as its reflection-based serialiser
    // (rows written before read the same), without looking up the shape of the records at every step.
    [JsonSerializable(typeof(StoredContext))]
    private sealed partial class ContextJson : JsonSerializerContext;
}
