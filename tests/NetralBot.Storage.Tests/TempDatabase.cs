using Microsoft.Data.Sqlite;

namespace NetralBot.Storage.Tests;

/// <summary>A real SQLite file in a fresh temporary folder, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "netralbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "sub", "bot.db");
        ConnectionString = $"Data Source={FilePath}";
    }

    public string Folder { get; }

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>The store on this file with every migration applied.</summary>
    public SqliteDatabase Migrated(TimeProvider time)
    {
        var database = new SqliteDatabase(ConnectionString);
        database.Initialize(time);
        return database;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
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
