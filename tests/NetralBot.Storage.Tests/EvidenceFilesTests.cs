namespace NetralBot.Storage.Tests;

/// <summary>Where evidence lives: with PostgreSQL in the database, so a worker that did not receive a file can show it.</summary>
public class EvidenceFilesTests
{
    [Fact]
    public void Postgres_AFileStoredByOneWorker_IsReadByAnother_WithNothingOnEitherDisk()
    {
        using var stores = new StoreFixture(StorageProvider.Postgres);
        const string fileId = "0123456789abcdef0123456789abcdef";
        using (var connection = stores.Database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            stores.Files.Store(new StoreTransaction(connection, transaction), fileId, [1, 2, 3, 4], null);
            transaction.Commit();
        }
        var otherWorker = new EvidenceFiles(stores.Database, Path.Combine(stores.Temp.Folder, "another-machine"), stores.Cipher, stores.Receipts, stores.Time);
        Assert.True(otherWorker.Exists(fileId));
        Assert.Equal([1, 2, 3, 4], otherWorker.Read(fileId));
        Assert.False(Directory.Exists(Path.Combine(stores.Temp.Folder, "evidence")));
        using var check = stores.Database.Open();
        var stored = Dapper.SqlMapper.ExecuteScalar<byte[]>(check, "SELECT content FROM evidence_files");
        Assert.NotEqual([1, 2, 3, 4], stored![^4..]); // encrypted, as on disk
    }
}
