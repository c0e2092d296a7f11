using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;

namespace NetralBot.Storage;

/// <summary>Loads and saves conversation state, and writes a step's question-log entries in the same transaction.</summary>
public sealed class ConversationStore(SqliteDatabase database, TimeProvider time)
{
    private const string SelectState = """
        SELECT state AS State, context AS Context FROM conversations WHERE conversation_key = @Key
        """;

    /// <summary>The stored state, or null for a conversation never seen.</summary>
    public ConversationState? Load(string key)
    {
        using var connection = database.Open();
        var row = connection.QuerySingleOrDefault<StateRow>(SelectState, new { Key = key });
        return row is null ? null : FromRow(row);
    }

    private const string UpsertState = """
        INSERT INTO conversations (conversation_key, state, context, updated_at)
        VALUES (@Key, @State, @Context, @UpdatedAt)
        ON CONFLICT (conversation_key) DO UPDATE
            SET state = excluded.state, context = excluded.context, updated_at = excluded.updated_at
        """;

    private const string InsertQuestion = """
        INSERT INTO question_log (asked_at, question, intent, rule_id, confidence)
        VALUES (@AskedAt, @Question, @Intent, @RuleId, @Confidence)
        """;

    /// <summary>Saves the state after a step together with the step's question-log entries (one transaction).</summary>
    public void Save(string key, ConversationState state, IEnumerable<LogQuestion> questions)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Write(connection, transaction, key, state, questions);
        transaction.Commit();
    }

    /// <summary>
    /// Runs one step of a conversation atomically: reads the state (null when new), lets <paramref name="step"/>
    /// compute the next one, and writes it with the step's question-log entries, on one connection in one transaction.
    /// </summary>
    public T Update<T>(string key, Func<ConversationState?, (ConversationState State, IEnumerable<LogQuestion> Questions, T Result)> step)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(); // BEGIN IMMEDIATE: no lock upgrade between read and write
        var row = connection.QuerySingleOrDefault<StateRow>(SelectState, new { Key = key }, transaction);
        var (state, questions, result) = step(row is null ? null : FromRow(row));
        Write(connection, transaction, key, state, questions);
        transaction.Commit();
        return result;
    }

    private void Write(SqliteConnection connection, SqliteTransaction transaction, string key, ConversationState state, IEnumerable<LogQuestion> questions)
    {
        var now = UnixTime.ToMs(time.GetUtcNow());
        connection.Execute(UpsertState, new { Key = key, state.State, Context = ToJson(state), UpdatedAt = now }, transaction);
        foreach (var question in questions)
        {
            connection.Execute(InsertQuestion, new
            {
                AskedAt = now,
                Question = question.Text,
                Intent = IntentNames.Of(question.Intent),
                question.RuleId,
                Confidence = Math.Round(question.Confidence, 4),
            }, transaction);
        }
    }

    private static string ToJson(ConversationState state) => JsonSerializer.Serialize(new StoredContext(
        state.Language.ToCode(),
        state.Status.ToString(),
        state.LastRuleId,
        state.Offered.Select(b => new StoredButton(b.Label, b.Payload)).ToList()));

    private static ConversationState FromRow(StateRow row)
    {
        var context = JsonSerializer.Deserialize<StoredContext>(row.Context) ?? new StoredContext("id", null, null, null);
        return new ConversationState(
            row.State,
            LanguageCodes.Parse(context.Language) ?? Language.Indonesian,
            Enum.TryParse<AskerStatus>(context.Status, out var status) ? status : AskerStatus.Unknown,
            context.LastRuleId,
            context.Offered?.Select(b => new Button(b.Label, b.Payload)).ToList() ?? []);
    }

    private sealed record StateRow(string State, string Context);

    private sealed record StoredContext(string? Language, string? Status, string? LastRuleId, List<StoredButton>? Offered);

    private sealed record StoredButton(string Label, string Payload);
}
