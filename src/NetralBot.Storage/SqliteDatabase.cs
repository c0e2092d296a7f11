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

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Creates the folder and file if needed, switches to WAL and applies pending migrations.</summary>
    public int Initialize(TimeProvider time)
    {
        if (FilePath is not null && Path.GetDirectoryName(FilePath) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
        using var connection = Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }
        return Migrator.Apply(connection, time);
    }
}
