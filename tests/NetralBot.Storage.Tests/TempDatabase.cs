using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace NetralBot.Storage.Tests;

/// <summary>
/// A real database for one test, deleted afterwards: a SQLite file in a fresh temporary folder, or a new database on
/// the test PostgreSQL cluster (owned by a role without superuser rights). The folder serves both for evidence files.
/// </summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string? _postgresName;

    public TempDatabase(StorageProvider provider = StorageProvider.Sqlite, bool logStatements = false)
    {
        Provider = provider;
        Folder = Path.Combine(Path.GetTempPath(), "netralbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "sub", "bot.db");
        if (provider == StorageProvider.Postgres)
        {
            (_postgresName, ConnectionString) = PostgresCluster.Shared.CreateDatabase(logStatements);
        }
        else
        {
            ConnectionString = $"Data Source={FilePath}";
        }
    }

    public StorageProvider Provider { get; }

    public string Folder { get; }

    /// <summary>The SQLite file (unused on PostgreSQL).</summary>
    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>The database, not yet initialised.</summary>
    public Database Unmigrated() => Database.Create(Provider, ConnectionString);

    /// <summary>The store on this database with every migration applied.</summary>
    public Database Migrated(TimeProvider time)
    {
        var database = Unmigrated();
        database.Initialize(time);
        return database;
    }

    /// <summary>Closes pooled connections, as a restart of the process would.</summary>
    public void ClearPools()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>
    /// Everything the database holds as stored: SQLite's files (main, WAL, shared memory) as Latin-1 and UTF-8 text;
    /// PostgreSQL's pg_dump output and what the server logged about this database.
    /// </summary>
    public string StoredText()
    {
        ClearPools();
        if (_postgresName is not null)
        {
            return PostgresCluster.Shared.Dump(_postgresName) + "\n" + PostgresCluster.Shared.ServerLog(_postgresName);
        }
        return string.Concat(Directory.EnumerateFiles(Path.GetDirectoryName(FilePath)!).Select(f =>
        {
            var bytes = File.ReadAllBytes(f);
            return Encoding.Latin1.GetString(bytes) + "\n" + Encoding.UTF8.GetString(bytes);
        }));
    }

    /// <summary>The raw bytes the database keeps on disk: SQLite's files; the PostgreSQL database's table files after a checkpoint.</summary>
    public byte[] StoredBytes()
    {
        ClearPools();
        return _postgresName is not null
            ? PostgresCluster.Shared.DatabaseFiles(_postgresName)
            : [.. Directory.EnumerateFiles(Path.GetDirectoryName(FilePath)!).SelectMany(File.ReadAllBytes)];
    }

    public void Dispose()
    {
        ClearPools();
        if (_postgresName is not null)
        {
            PostgresCluster.Shared.DropDatabase(_postgresName);
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on another thread: leave it to the OS temp cleaner.
        }
    }
}
