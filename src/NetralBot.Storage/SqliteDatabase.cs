using Microsoft.Data.Sqlite;

namespace NetralBot.Storage;

/// <summary>
/// Opens connections to the bot's SQLite file with the pragmas every connection needs (busy timeout, foreign
/// keys, secure_delete so deleted rows leave no residue) and prepares the file once (WAL, migrations).
/// </summary>
public sealed class SqliteDatabase
{
    private const string ConnectionPragmas = """
        PRAGMA busy_timeout = 5000;
        PRAGMA foreign_keys = ON;
        PRAGMA secure_delete = ON;
        PRAGMA synchronous = NORMAL;
        """;

    public SqliteDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException("The SQLite connection string has no Data Source (a file path).", nameof(connectionString));
        }
        builder.Pooling = true;
        ConnectionString = builder.ToString();
        FilePath = builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory ? null : Path.GetFullPath(builder.DataSource);
    }

    public string ConnectionString { get; }

    /// <summary>The database file, or null for an in-memory database.</summary>
    public string? FilePath { get; }

    private const string DurablePragma = "PRAGMA synchronous = FULL;";

    /// <summary>
    /// A connection; <paramref name="durable"/> for writes someone is told about (a tip acknowledged with its
    /// receipt code, a draft step): with synchronous=FULL the commit is on disk before the reply, so a power cut
    /// cannot take back what was acknowledged (NORMAL in WAL mode may lose the last commits). SQLite allows the
    /// level to change only outside a transaction, so it is chosen when the connection is opened.
    /// </summary>
    public SqliteConnection Open(bool durable = false)
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = durable ? ConnectionPragmas + DurablePragma : ConnectionPragmas;
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Checks an existing file (SQLite's quick_check) before anything is written to it, then creates the folder and
    /// file if needed, switches to WAL and applies pending migrations. A file that cannot be used is refused with
    /// <see cref="DatabaseUnusableException"/>, one sentence saying what to do.
    /// </summary>
    public int Initialize(TimeProvider time)
    {
        var file = FilePath ?? ":memory:";
        try
        {
            if (FilePath is not null && Path.GetDirectoryName(FilePath) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }
            using var connection = Open();
            CheckIntegrity(connection, file);
            RestrictToOwner();
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                wal.ExecuteNonQuery();
            }
            return Migrator.Apply(connection, time);
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
