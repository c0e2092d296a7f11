using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Tips;
using NetralBot.Core.Understanding;

namespace NetralBot.Storage.Tests;

public class ConversationStoreTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private static readonly ConversationKeys Keys = new(RandomNumberGenerator.GetBytes(32));

    private static ConversationStore OpenStore(TempDatabase temp) => Open(temp).Store;

    private static (ConversationStore Store, QuestionLog Log) Open(TempDatabase temp)
    {
        var database = temp.Migrated(Time);
        var log = new QuestionLog(database);
        return (new ConversationStore(database, new TipCipher(RandomNumberGenerator.GetBytes(32)), log, Time), log);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void Load_UnknownConversation_IsNull(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        Assert.Null(OpenStore(temp).Load(Keys.For("telegram", "1")));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void Save_ThenLoadAfterRestart_ResumesTheConversation(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var key = Keys.For("telegram", "123456789");
        var saved = new ConversationState("Clarifying", Language.English, AskerStatus.Pppk, "like_post_candidate",
            [new Button("Like/love unggahan calon", "r:like_post_candidate"), new Button("Bukan semuanya", "none")]);
        OpenStore(temp).Save(key, saved, []);
        temp.ClearPools(); // the process "restarts": nothing kept in memory

        var loaded = OpenStore(temp).Load(key)!;
        Assert.Equal(saved.State, loaded.State);
        Assert.Equal(saved.Language, loaded.Language);
        Assert.Equal(saved.Status, loaded.Status);
        Assert.Equal(saved.LastRuleId, loaded.LastRuleId);
        Assert.Equal(saved.Offered, loaded.Offered);
    }

    // The context column as the reflection-based serialiser wrote it before it was written by hand: earlier rows must
    // read the same (escaped text, a missing property, an unknown one, a null list).
    [Theory, ClassData(typeof(BothProviders))]
    public void Load_RowsWrittenByEarlierVersions_ReadTheSame(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var store = OpenStore(temp);
        var since = new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.Zero);
        var earlier = System.Text.Json.JsonSerializer.Serialize(new
        {
            Language = "en",
            Status = "Pns",
            LastRuleId = "like_post_candidate",
            Offered = new[] { new { Label = "Boleh \"like\" <caleg> & 'paslon'? é", Payload = "r:like" }, new { Label = "Menu", Payload = "menu" } },
            WrongCodes = 2,
            WrongCodesSinceMs = since.ToUnixTimeMilliseconds(),
            Removed = new { Nested = new[] { 1, 2 } },
        });
        Assert.Contains("\\u0026", earlier); // the default escaping, so this is what was stored
        using (var connection = temp.Unmigrated().Open())
        {
            connection.Execute("INSERT INTO conversations (conversation_key, state, context, updated_at) VALUES (@Key, 'Clarifying', @Context, 0)",
                new { Key = "earlier", Context = earlier });
            connection.Execute("INSERT INTO conversations (conversation_key, state, context, updated_at) VALUES (@Key, 'Idle', @Context, 0)",
                new { Key = "oldest", Context = """{"Language":"id","Status":null,"LastRuleId":null,"Offered":null}""" });
        }

        var loaded = store.Load("earlier")!;
        Assert.Equal(("Clarifying", Language.English, AskerStatus.Pns, "like_post_candidate", 2, since),
            (loaded.State, loaded.Language, loaded.Status, loaded.LastRuleId, loaded.WrongCodes, loaded.WrongCodesSince));
        Assert.Equal([new Button("Boleh \"like\" <caleg> & 'paslon'? é", "r:like"), new Button("Menu", "menu")], loaded.Offered);
        var oldest = store.Load("oldest")!;
        Assert.Equal((Language.Indonesian, AskerStatus.Unknown, null, 0, null), (oldest.Language, oldest.Status, oldest.LastRuleId, oldest.WrongCodes, oldest.WrongCodesSince));
        Assert.Empty(oldest.Offered);

        // Written back by this version, read again unchanged.
        store.Save("earlier", loaded, []);
        var again = store.Load("earlier")!;
        Assert.Equal(loaded.Offered, again.Offered);
        Assert.Equal((loaded.Language, loaded.Status, loaded.LastRuleId, loaded.WrongCodes, loaded.WrongCodesSince),
            (again.Language, again.Status, again.LastRuleId, again.WrongCodes, again.WrongCodesSince));
    }

    /// <summary>
    /// Checkpoints run beside the steps (a step never copies the WAL into the database file itself), within a second or
    /// two of a step: the database file alone, without its WAL, then holds what the steps wrote.
    /// </summary>
    [Fact]
    public async Task Sqlite_Steps_ReachTheDatabaseFileItself_WithinSeconds()
    {
        using var temp = new TempDatabase(StorageProvider.Sqlite);
        var database = temp.Migrated(Time);
        using var log = new QuestionLog(database);
        var store = new ConversationStore(database, new TipCipher(RandomNumberGenerator.GetBytes(32)), log, Time);
        for (var i = 0; i < 200; i++)
        {
            store.Update(Keys.For("telegram", i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                (_, _) => (ConversationState.New(Language.Indonesian) with { State = "ShowingAnswer" }, (IReadOnlyList<LogQuestion>)[new LogQuestion("boleh like?", Intent.Guidance, "like", 0.9)], 0));
        }

        var copy = Path.Combine(Path.GetDirectoryName(database.FilePath)!, "file-alone.db");
        var inFileAlone = 0L;
        for (var waited = 0; inFileAlone < 200 && waited < 50; waited++)
        {
            await Task.Delay(100);
            File.Copy(database.FilePath!, copy, overwrite: true); // no -wal beside it: only what was checkpointed
            using var alone = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={copy};Pooling=False");
            alone.Open();
            inFileAlone = alone.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'conversations'") == 0
                ? 0 // not even the schema is in the file yet
                : alone.ExecuteScalar<long>("SELECT COUNT(*) FROM conversations");
        }
        Assert.Equal(200, inFileAlone);
        database.Dispose();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void Save_Again_OverwritesTheState(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var store = OpenStore(temp);
        var key = Keys.For("console", "local");
        store.Save(key, ConversationState.New(Language.Indonesian) with { State = "Menu" }, []);
        store.Save(key, ConversationState.New(Language.Indonesian) with { State = "ShowingAnswer" }, []);
        Assert.Equal("ShowingAnswer", store.Load(key)!.State);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void Save_WritesQuestionLogWithoutAnyIdentifier(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var (store, questionLog) = Open(temp);
        const string chatId = "987654321";
        var key = Keys.For("telegram", chatId);
        store.Save(key, ConversationState.New(Language.Indonesian), [
            new LogQuestion("boleh like caleg?", Intent.Guidance, "like_post_candidate", 0.81234),
            new LogQuestion(null, Intent.Report, null, 0),
        ]);
        var log = questionLog.Recent(10);
        Assert.Equal(2, log.Count);
        Assert.Contains(log, e => e is { Question: "boleh like caleg?", Intent: "guidance", RuleId: "like_post_candidate" } && Math.Abs(e.Confidence - 0.8123) < 1e-9);
        Assert.Contains(log, e => e is { Question: null, Intent: "report" });
        Assert.All(log, e => Assert.Equal(Time.GetUtcNow(), e.AskedAt));

        using var connection = temp.Unmigrated().Open();
        var columns = connection.Query<string>(temp.Provider == StorageProvider.Postgres
            ? "SELECT column_name FROM information_schema.columns WHERE table_name = 'question_log'"
            : "SELECT name FROM pragma_table_info('question_log')").ToList();
        Assert.Contains("question", columns);
        Assert.DoesNotContain(columns, c => c.Contains("chat", StringComparison.Ordinal) || c.Contains("user", StringComparison.Ordinal) || c.Contains("conversation", StringComparison.Ordinal));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void Database_NeverHoldsTheRawChatId(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        const string chatId = "5550001234567";
        var (store, log) = Open(temp);
        store.Save(Keys.For("telegram", chatId), ConversationState.New(Language.Indonesian), [new LogQuestion("halo", Intent.Unknown, null, 0)]);
        log.Flush();
        if (provider == StorageProvider.Sqlite)
        {
            using var connection = temp.Unmigrated().Open();
            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        var stored = temp.StoredText();
        Assert.Contains("halo", stored, StringComparison.Ordinal); // the search sees the data
        Assert.DoesNotContain(chatId, stored, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void QuestionLog_OnlyUnanswered_ListsClarificationsAndMisses(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var (store, log) = Open(temp);
        store.Save(Keys.For("t", "1"), ConversationState.New(Language.Indonesian), [
            new LogQuestion("a", Intent.Guidance, "x", 0.9),
            new LogQuestion("b", Intent.Clarify, "y", 0.2),
            new LogQuestion("c", Intent.Unknown, null, 0),
        ]);
        var unanswered = log.Recent(10, onlyUnanswered: true);
        Assert.Equal(["b", "c"], unanswered.Select(e => e.Question).Order());
    }

    [Fact]
    public void Update_ConversationHoldingATipDraftOrFollowUpCode_CommitsWithSynchronousFull_OtherStepsNormal()
    {
        using var temp = new TempDatabase();
        var store = OpenStore(temp);
        var asking = Keys.For("telegram", "1");
        var reporting = Keys.For("telegram", "2");
        var following = Keys.For("telegram", "3");
        store.Save(reporting, ConversationState.New(Language.Indonesian) with { State = "ReportWhat", Private = new PrivateState(TipDraft.Empty with { What = "dipaksa hadir" }, null) }, []);
        store.Save(following, ConversationState.New(Language.Indonesian) with { State = "FollowUpText", Private = new PrivateState(null, "ABCD-2345") }, []);

        // The level in force inside the step's transaction, i.e. the one its commit uses.
        int SynchronousInStep(string key) => store.Update(key, (stored, work) =>
            (stored ?? ConversationState.New(Language.Indonesian), (IReadOnlyList<LogQuestion>)[], work.Connection.ExecuteScalar<int>("PRAGMA synchronous", transaction: work.Transaction)));

        Assert.Equal(1, SynchronousInStep(asking)); // NORMAL
        Assert.Equal(2, SynchronousInStep(reporting)); // FULL: this step may send the tip and show its receipt code
        Assert.Equal(1, SynchronousInStep(asking));
        Assert.Equal(2, SynchronousInStep(following)); // FULL: this step may add to a tip
        Assert.Equal(1, SynchronousInStep(asking));
    }
}
