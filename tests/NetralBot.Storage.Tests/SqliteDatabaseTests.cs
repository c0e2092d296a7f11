using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace NetralBot.Storage.Tests;

public class SqliteDatabaseTests
{
    [Fact]
    public void Initialize_NewFile_CreatesFolderAppliesMigrationsAndUsesWal()
    {
        using var temp = new TempDatabase();
        var database = new SqliteDatabase(temp.ConnectionString);
        var version = database.Initialize(new FakeTimeProvider());

        Assert.True(File.Exists(temp.FilePath));
        Assert.Equal(Migrator.Scripts[^1].Version, version);
        using var connection = database.Open();
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(1, connection.ExecuteScalar<int>("PRAGMA secure_delete"));
        Assert.Equal(1, connection.ExecuteScalar<int>("PRAGMA foreign_keys"));
        Assert.Equal(Migrator.Scripts.Select(s => s.Version), connection.Query<int>("SELECT version FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public void Initialize_Twice_AppliesEachMigrationOnce()
    {
        using var temp = new TempDatabase();
        new SqliteDatabase(temp.ConnectionString).Initialize(new FakeTimeProvider());
        var database = new SqliteDatabase(temp.ConnectionString);
        database.Initialize(new FakeTimeProvider());
        using var connection = database.Open();
        Assert.Equal(Migrator.Scripts.Count, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public void Constructor_WithoutDataSource_IsAClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SqliteDatabase("Cache=Shared"));
        Assert.Contains("Data Source", ex.Message, StringComparison.Ordinal);
    }
}
