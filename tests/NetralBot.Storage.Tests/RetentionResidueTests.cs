using System.Security.Cryptography;
using Dapper;
using NetralBot.Core.Tips;

namespace NetralBot.Storage.Tests;

/// <summary>
/// Secure deletion, alone: PostgreSQL's VACUUM keeps a deleted row while any transaction older than the delete runs,
/// and the other tests' connections would be such transactions at random moments.
/// </summary>
[Collection(RetentionResidueTests.Alone)]
public class RetentionResidueTests
{
    public const string Alone = "alone on the cluster";

    [Theory, ClassData(typeof(BothProviders))]
    public void Run_ADeletedTip_LeavesNoResidueInTheDatabaseFiles(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        var review = stores.Review;
        var gone = stores.Tips.Submit(TipDraft.Empty with { What = "laporan yang akan dihapus" }, ReceiptCode.From(RandomNumberGenerator.GetBytes(10)));
        var kept = stores.Tips.Submit(TipDraft.Empty with { What = "laporan yang tetap" }, ReceiptCode.From(RandomNumberGenerator.GetBytes(10)));
        review.SetStatus("test", gone, TipStatus.Ditolak, "bukan pelanggaran");
        byte[] content, hash;
        using (var connection = stores.Database.Open())
        {
            content = connection.QuerySingle<byte[]>("SELECT content FROM tips WHERE id = @Id", new { Id = gone });
            hash = System.Text.Encoding.ASCII.GetBytes(connection.QuerySingle<string>("SELECT receipt_hash FROM tips WHERE id = @Id", new { Id = gone }));
        }
        if (provider == StorageProvider.Sqlite)
        {
            using var connection = stores.Database.Open();
            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        var before = stores.Temp.StoredBytes();
        Assert.True(before.AsSpan().IndexOf(content.AsSpan(0, 24)) >= 0, "the search must find the tip before it is deleted");

        stores.Time.Advance(TimeSpan.FromDays(181));
        var retention = new Retention(stores.Database, stores.Files, stores.Time);
        Assert.Equal((1, 0), retention.Run(TimeSpan.FromDays(180), TimeSpan.FromHours(24)));

        var after = stores.Temp.StoredBytes();
        Assert.True(after.AsSpan().IndexOf(content.AsSpan(0, 24)) < 0, "the deleted tip's content is still in the database files");
        Assert.True(after.AsSpan().IndexOf(hash) < 0, "the deleted tip's receipt hash is still in the database files");
        Assert.NotNull(review.Open("test", kept));
    }

    [Fact]
    public void Run_OnPostgres_WhileAnotherWorkersTransactionStillSeesTheTip_RemovesItsResidueAtTheNextRun()
    {
        using var stores = new StoreFixture(StorageProvider.Postgres);
        var (retention, content) = ClosedTipPastRetention(stores);

        using (var otherWorker = stores.Database.Open())
        using (var reading = otherWorker.BeginTransaction(System.Data.IsolationLevel.RepeatableRead))
        {
            otherWorker.ExecuteScalar<long>("SELECT COUNT(*) FROM question_log", transaction: reading); // its snapshot still sees the tip
            Assert.Equal((1, 0), retention.Run(TimeSpan.FromDays(180), TimeSpan.FromHours(24)));
            Assert.True(stores.Temp.StoredBytes().AsSpan().IndexOf(content.AsSpan(0, 24)) >= 0, "VACUUM had to keep the row the open snapshot sees");
        }

        stores.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal((0, 0), retention.Run(TimeSpan.FromDays(180), TimeSpan.FromHours(24))); // nothing new to delete
        Assert.True(stores.Temp.StoredBytes().AsSpan().IndexOf(content.AsSpan(0, 24)) < 0, "the next run must rewrite the tables again");
    }

    [Fact]
    public void Run_OnPostgres_WhileAnotherWorkerHoldsTheTipsTable_DoesNotFail_AndRewritesItAtTheNextRun()
    {
        using var stores = new StoreFixture(StorageProvider.Postgres);
        var (retention, content) = ClosedTipPastRetention(stores);

        using (var otherWorker = stores.Database.Open())
        using (var reading = otherWorker.BeginTransaction())
        {
            otherWorker.ExecuteScalar<long>("SELECT COUNT(*) FROM tips", transaction: reading); // holds a lock VACUUM FULL must wait for
            Assert.Equal((1, 0), retention.Run(TimeSpan.FromDays(180), TimeSpan.FromHours(24))); // waits 5 s at most, no error
        }

        stores.Time.Advance(TimeSpan.FromHours(1));
        retention.Run(TimeSpan.FromDays(180), TimeSpan.FromHours(24));
        Assert.True(stores.Temp.StoredBytes().AsSpan().IndexOf(content.AsSpan(0, 24)) < 0, "the next run must rewrite the table it could not lock");
    }

    /// <summary>A closed tip 181 days old (due for deletion), the retention job, and the tip's stored content to search for.</summary>
    private static (Retention Retention, byte[] Content) ClosedTipPastRetention(StoreFixture stores)
    {
        var gone = stores.Tips.Submit(TipDraft.Empty with { What = "laporan yang akan dihapus" }, ReceiptCode.From(RandomNumberGenerator.GetBytes(10)));
        stores.Review.SetStatus("test", gone, TipStatus.Selesai, "selesai");
        var content = stores.Database.Open().QuerySingle<byte[]>("SELECT content FROM tips WHERE id = @Id", new { Id = gone });
        stores.Time.Advance(TimeSpan.FromDays(181));
        return (new Retention(stores.Database, stores.Files, stores.Time), content);
    }
}

/// <summary>Tests in this collection run after the others, one at a time.</summary>
[CollectionDefinition(RetentionResidueTests.Alone, DisableParallelization = true)]
public sealed class AloneOnTheCluster;
