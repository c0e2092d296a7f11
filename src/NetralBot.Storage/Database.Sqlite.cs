using Microsoft.Data.Sqlite;

namespace NetralBot.Storage;

/// <summary>
/// SQLite: connections with the pragmas every connection needs (busy timeout, foreign keys, secure_delete so deleted
/// rows leave no residue) and a file prepared once (integrity check, owner-only, WAL, migrations).
/// </summary>
public sealed partial class Database
{
    private const string ConnectionPragmas = """
        PRAGMA busy_timeout = 5000;
        PRAGMA foreign_keys = ON;
        PRAGMA secure_delete = ON;
        PRAGMA synchronous = NORMAL;
        """;

    private const string DurablePragma = "PRAGMA synchronous = FULL;";

    private static Database ForSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException("The SQLite connection string (Storage:ConnectionString) has no Data Source (a file path).", nameof(connectionString));
        }
        builder.Pooling = true;
        var file = builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory ? null : Path.GetFullPath(builder.DataSource);
        return new Database(StorageProvider.Sqlite, builder.ToString(), file);
    }

    // SQLite allows the synchronous level to change only outside a transaction, so it is chosen when the connection is opened.
    private SqliteConnection OpenSqlite(bool durable)
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = durable ? ConnectionPragmas + DurablePragma : ConnectionPragmas;
        command.ExecuteNonQuery();
        return connection;
    }

    private int InitializeSqlite(TimeProvider time)
    {
        var file = FilePath ?? ":memory:";
        try
        {
            if (FilePath is not null && Path.GetDirectoryName(FilePath) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }
            using var connection = OpenSqlite(durable: false);
            CheckIntegrity(connection, file);
            RestrictToOwner();
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                wal.ExecuteNonQuery();
            }
            return Migrator.Apply(connection, StorageProvider.Sqlite, time);
        }
        catch (Exception ex) when (ex is SqliteException or UnauthorizedAccessException or IOException)
        {
            throw DatabaseUnusableException.From(file, ex);
        }
    }

    // quick_check reads every page (O(N), without the index cross-checks of integrity_check): a random or truncated
    // file is refused at start-up instead of failing at some later message.
    private static void CheckIntegrity(SqliteConnection connection, string file)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check;";
        var problems = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }
        }
        if (problems is not ["ok"])
        {
            throw DatabaseUnusableException.Damaged(file, string.Join("; ", problems.Take(3)));
        }
    }

    // SQLite creates -wal and -shm with the database file's mode, so an owner-only database keeps them owner-only;
    // a file made by an earlier version (0644) is narrowed here.
    private void RestrictToOwner()
    {
        if (FilePath is null || OperatingSystem.IsWindows())
        {
            return;
        }
        foreach (var file in new[] { FilePath, FilePath + "-wal", FilePath + "-shm" }.Where(File.Exists))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
