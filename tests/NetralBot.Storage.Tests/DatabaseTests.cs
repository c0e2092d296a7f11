using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace NetralBot.Storage.Tests;

public class DatabaseTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public void Initialize_NewDatabase_AppliesEveryMigration(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var database = temp.Unmigrated();
        var version = database.Initialize(new FakeTimeProvider());

        Assert.Equal(Migrator.Scripts(provider)[^1].Version, version);
        using var connection = database.Open();
        Assert.Equal(Migrator.Scripts(provider).Select(s => s.Version), connection.Query<int>("SELECT version FROM schema_migrations ORDER BY version"));
        if (provider == StorageProvider.Sqlite)
        {
            Assert.True(File.Exists(temp.FilePath)); // folder and file created
            Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
            Assert.Equal(1, connection.ExecuteScalar<int>("PRAGMA secure_delete"));
            Assert.Equal(1, connection.ExecuteScalar<int>("PRAGMA foreign_keys"));
        }
        else
        {
            // The bot's role migrated its own database without superuser rights, and owns every table it made.
            Assert.False(connection.ExecuteScalar<bool>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
            Assert.Equal([PostgresCluster.BotRole], connection.Query<string>("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"));
        }
    }

    [Fact]
    public void ReleaseIdleConnections_ClosesWhatThePoolKeeps_AndTheNextCallerStillReadsAndWrites()
    {
        using var temp = new TempDatabase();
        var database = temp.Migrated(new FakeTimeProvider());
        // Three connections open at once, as in a busy spell: the pool keeps all three, and with them the WAL file.
        var busy = Enumerable.Range(0, 3).Select(_ => database.Open()).ToList();
        busy[0].Execute("CREATE TABLE kept (x INTEGER); INSERT INTO kept VALUES (9999)");
        busy.ForEach(c => c.Dispose());
        Assert.True(File.Exists(temp.FilePath + "-wal"));

        database.ReleaseIdleConnections();

        // The last connection closed: SQLite checkpointed and removed its WAL file; nothing was lost.
        Assert.False(File.Exists(temp.FilePath + "-wal"));
        using var next = database.Open();
        Assert.Equal(9999, next.ExecuteScalar<int>("SELECT x FROM kept"));
        next.Execute("UPDATE kept SET x = 1");
        Assert.Equal(1, next.ExecuteScalar<int>("SELECT x FROM kept"));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void Initialize_Twice_AppliesEachMigrationOnce(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        temp.Unmigrated().Initialize(new FakeTimeProvider());
        var database = temp.Unmigrated();
        database.Initialize(new FakeTimeProvider());
        using var connection = database.Open();
        Assert.Equal(Migrator.Scripts(provider).Count, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Initialize_FourWorkersStartingTogether_MigrateOnce_AndAgreeOnTheKey(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        using var start = new Barrier(4);
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var database = temp.Unmigrated();
            start.SignalAndWait();
            var version = database.Initialize(new FakeTimeProvider());
            new TipCipher(key).VerifyKey(database); // the first probe written wins; the same key passes on every worker
            return version;
        })).ToList();

        var versions = await Task.WhenAll(workers);
        Assert.All(versions, v => Assert.Equal(Migrator.Scripts(provider)[^1].Version, v));
        using var connection = temp.Unmigrated().Open();
        Assert.Equal(Migrator.Scripts(provider).Count, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Throws<WrongKeyException>(() => new TipCipher(new byte[32]).VerifyKey(temp.Unmigrated()));
    }

    [Fact]
    public void Scripts_BothProvidersCarryTheSameNumbers_AndNoScriptIsOutsideAProviderFolder()
    {
        Assert.Empty(Migrator.Strays); // a script in Schema/ itself would never run: put it in Schema/sqlite and Schema/postgres
        var sqlite = Migrator.Scripts(StorageProvider.Sqlite).Select(s => (s.Version, s.Name)).ToList();
        Assert.Equal(sqlite, Migrator.Scripts(StorageProvider.Postgres).Select(s => (s.Version, s.Name)));
        Assert.Equal(Enumerable.Range(1, sqlite.Count), sqlite.Select(s => s.Version)); // 001, 002, … without gaps
    }

    [Fact]
    public void Open_SqliteConnectionFromThePoolAgain_KeepsItsPragmas_AndHasTheSynchronousLevelAskedFor()
    {
        using var temp = new TempDatabase();
        var database = temp.Migrated(new FakeTimeProvider());
        var handles = new HashSet<object>();
        foreach (var durable in new[] { true, false, false, true, true, false })
        {
            using var connection = (Microsoft.Data.Sqlite.SqliteConnection)database.Open(durable);
            handles.Add(connection.Handle!);
            Assert.Equal(durable ? 2 : 1, connection.ExecuteScalar<int>("PRAGMA synchronous")); // FULL : NORMAL
            Assert.Equal(1, connection.ExecuteScalar<int>("PRAGMA foreign_keys"));
            Assert.Equal(1, connection.ExecuteScalar<int>("PRAGMA secure_delete"));
            Assert.Equal(5000, connection.ExecuteScalar<int>("PRAGMA busy_timeout"));
        }
        Assert.Single(handles); // one physical connection, handed out again by the pool
    }

    [Fact]
    public void Create_SqliteWithoutDataSource_IsAClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => Database.Create(StorageProvider.Sqlite, "Cache=Shared"));
        Assert.Contains("Data Source", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PostgresWithASqliteConnectionString_IsAClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => Database.Create(StorageProvider.Postgres, "Data Source=data/netralbot.db"));
        Assert.Contains("Host=", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Initialize_PostgresDatabaseThatDoesNotExist_SaysHowToCreateIt_WithoutThePassword()
    {
        var port = PostgresCluster.Shared.Port;
        var database = Database.Create(StorageProvider.Postgres, $"Host=127.0.0.1;Port={port};Database=nb_missing;Username={PostgresCluster.BotRole};Password=sekret-123");
        var ex = Assert.Throws<DatabaseUnusableException>(() => database.Initialize(new FakeTimeProvider()));
        Assert.Contains("nb_missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("createdb", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sekret-123", ex.Message, StringComparison.Ordinal);
    }
}
