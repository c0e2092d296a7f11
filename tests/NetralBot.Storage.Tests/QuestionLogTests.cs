using System.Diagnostics;
using Dapper;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Understanding;

namespace NetralBot.Storage.Tests;

/// <summary>
/// The question log is written beside the conversation steps: these check that what a committed step logs reaches the
/// database on its own (a full batch at once, the rest within seconds, all of it at a stop) and that rows the database
/// refused are written once it takes them again.
/// </summary>
public class QuestionLogTests
{
    private static IReadOnlyList<LogQuestion> Asked(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new LogQuestion($"boleh like caleg {i}?", Intent.Guidance, "like_post_candidate", 0.9))];

    /// <summary>Rows in the table, read on a connection of its own (not through the log, which would write first).</summary>
    private static long RowsInTheTable(Database database)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM question_log");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void AFullBatch_IsWrittenAtOnce_AndTheRestWithinSeconds(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        var conversations = stores.Conversations;
        for (var i = 0; i < 70; i++)
        {
            conversations.Update("chat-" + i, (state, _) => (ConversationState.New(Language.Indonesian), Asked(1), 0));
        }
        var clock = Stopwatch.StartNew();
        while (RowsInTheTable(stores.Database) < 64 && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(10);
        }
        Assert.InRange(RowsInTheTable(stores.Database), 64, 70);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"the full batch took {clock.Elapsed.TotalMilliseconds:F0} ms"); // at once, not at the timer's second

        clock.Restart();
        while (RowsInTheTable(stores.Database) < 70 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(100);
        }
        Assert.Equal(70, RowsInTheTable(stores.Database));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the last rows took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void AnOrderlyStop_WritesWhatIsWaiting(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var database = temp.Migrated(TimeProvider.System);
        var log = new QuestionLog(database);
        log.Add(DateTimeOffset.UtcNow, Asked(3));
        log.Dispose();
        Assert.Equal(3, RowsInTheTable(database));

        log.Add(DateTimeOffset.UtcNow, Asked(1)); // a step that finishes after the stop still logs its question
        Assert.Equal(4, RowsInTheTable(database));
    }

    [Fact]
    public void AStepThatFillsABatchTheDatabaseRefuses_StillAnswers_AndItsRowsAreWrittenLater()
    {
        using var stores = new StoreFixture(StorageProvider.Sqlite);
        var conversations = stores.Conversations;
        using (var connection = stores.Database.Open())
        {
            connection.Execute("ALTER TABLE question_log RENAME TO question_log_away");
        }
        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(i, conversations.Update("chat-" + i, (state, _) => (ConversationState.New(Language.Indonesian), Asked(1), i)));
        }
        Assert.Equal("Idle", conversations.Load("chat-63")!.State); // the 64th step, whose batch failed, committed
        using (var connection = stores.Database.Open())
        {
            connection.Execute("ALTER TABLE question_log_away RENAME TO question_log");
        }
        Assert.Equal(64, stores.Log.Recent(100).Count);
    }

    [Fact]
    public void RowsTheDatabaseRefused_AreWrittenOnceItTakesThemAgain_BeforeLaterOnes()
    {
        using var temp = new TempDatabase();
        var database = temp.Migrated(TimeProvider.System);
        using var log = new QuestionLog(database);
        var askedAt = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
        log.Add(askedAt, [new LogQuestion("pertama", Intent.Guidance, "a", 0.9)]);
        using (var connection = database.Open())
        {
            connection.Execute("ALTER TABLE question_log RENAME TO question_log_away");
        }
        Assert.ThrowsAny<System.Data.Common.DbException>(log.Flush);
        log.Add(askedAt.AddSeconds(1), [new LogQuestion("kedua", Intent.Guidance, "b", 0.9)]);
        using (var connection = database.Open())
        {
            connection.Execute("ALTER TABLE question_log_away RENAME TO question_log");
        }

        var entries = log.Recent(10);

        Assert.Equal(["kedua", "pertama"], entries.Select(e => e.Question)); // newest first, none lost
        using var check = database.Open();
        Assert.Equal(["pertama", "kedua"], check.Query<string>("SELECT question FROM question_log ORDER BY id")); // written in the order asked
    }
}
