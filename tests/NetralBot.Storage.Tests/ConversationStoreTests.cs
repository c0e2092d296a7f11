using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Understanding;

namespace NetralBot.Storage.Tests;

public class ConversationStoreTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private static readonly ConversationKeys Keys = new(RandomNumberGenerator.GetBytes(32));

    private static ConversationStore OpenStore(TempDatabase temp)
    {
        var database = temp.Migrated(Time);
        return new ConversationStore(database, new TipCipher(RandomNumberGenerator.GetBytes(32)), Time);
    }

    [Fact]
    public void Load_UnknownConversation_IsNull()
    {
        using var temp = new TempDatabase();
        Assert.Null(OpenStore(temp).Load(Keys.For("telegram", "1")));
    }

    [Fact]
    public void Save_ThenLoadAfterRestart_ResumesTheConversation()
    {
        using var temp = new TempDatabase();
        var key = Keys.For("telegram", "123456789");
        var saved = new ConversationState("Clarifying", Language.English, AskerStatus.Pppk, "like_post_candidate",
            [new Button("Like/love unggahan calon", "r:like_post_candidate"), new Button("Bukan semuanya", "none")]);
        OpenStore(temp).Save(key, saved, []);
        SqliteConnection.ClearAllPools(); // the process "restarts": nothing kept in memory

        var loaded = OpenStore(temp).Load(key)!;
        Assert.Equal(saved.State, loaded.State);
        Assert.Equal(saved.Language, loaded.Language);
        Assert.Equal(saved.Status, loaded.Status);
        Assert.Equal(saved.LastRuleId, loaded.LastRuleId);
        Assert.Equal(saved.Offered, loaded.Offered);
    }

    [Fact]
    public void Save_Again_OverwritesTheState()
    {
        using var temp = new TempDatabase();
        var store = OpenStore(temp);
        var key = Keys.For("console", "local");
        store.Save(key, ConversationState.New(Language.Indonesian) with { State = "Menu" }, []);
        store.Save(key, ConversationState.New(Language.Indonesian) with { State = "ShowingAnswer" }, []);
        Assert.Equal("ShowingAnswer", store.Load(key)!.State);
    }

    [Fact]
    public void Save_WritesQuestionLogWithoutAnyIdentifier()
    {
        using var temp = new TempDatabase();
        var store = OpenStore(temp);
        const string chatId = "987654321";
        var key = Keys.For("telegram", chatId);
        store.Save(key, ConversationState.New(Language.Indonesian), [
            new LogQuestion("boleh like caleg?", Intent.Guidance, "like_post_candidate", 0.81234),
            new LogQuestion(null, Intent.Report, null, 0),
        ]);
        var log = new QuestionLog(new SqliteDatabase(temp.ConnectionString)).Recent(10);
        Assert.Equal(2, log.Count);
        Assert.Contains(log, e => e is { Question: "boleh like caleg?", Intent: "guidance", RuleId: "like_post_candidate" } && Math.Abs(e.Confidence - 0.8123) < 1e-9);
        Assert.Contains(log, e => e is { Question: null, Intent: "report" });
        Assert.All(log, e => Assert.Equal(Time.GetUtcNow(), e.AskedAt));

        using var connection = new SqliteDatabase(temp.ConnectionString).Open();
        var columns = connection.Query<string>("SELECT name FROM pragma_table_info('question_log')").ToList();
        Assert.DoesNotContain(columns, c => c.Contains("chat", StringComparison.Ordinal) || c.Contains("user", StringComparison.Ordinal) || c.Contains("conversation", StringComparison.Ordinal));
    }

    [Fact]
    public void Database_NeverHoldsTheRawChatId()
    {
        using var temp = new TempDatabase();
        const string chatId = "5550001234567";
        OpenStore(temp).Save(Keys.For("telegram", chatId), ConversationState.New(Language.Indonesian), [new LogQuestion("halo", Intent.Unknown, null, 0)]);
        using (var connection = new SqliteDatabase(temp.ConnectionString).Open())
        {
            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(temp.FilePath)!))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.DoesNotContain(chatId, Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void QuestionLog_OnlyUnanswered_ListsClarificationsAndMisses()
    {
        using var temp = new TempDatabase();
        OpenStore(temp).Save(Keys.For("t", "1"), ConversationState.New(Language.Indonesian), [
            new LogQuestion("a", Intent.Guidance, "x", 0.9),
            new LogQuestion("b", Intent.Clarify, "y", 0.2),
            new LogQuestion("c", Intent.Unknown, null, 0),
        ]);
        var unanswered = new QuestionLog(new SqliteDatabase(temp.ConnectionString)).Recent(10, onlyUnanswered: true);
        Assert.Equal(["b", "c"], unanswered.Select(e => e.Question).Order());
    }
}
