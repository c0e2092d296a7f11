using Microsoft.Data.Sqlite;

namespace NetralBot.Storage;

/// <summary>The database file cannot be used as it is; the message says why and what to do, in one sentence.</summary>
public sealed class DatabaseUnusableException(string message, Exception? inner = null) : Exception(message, inner)
{
    private const int ReadOnly = 8, Corrupt = 11, CannotOpen = 14, NotADatabase = 26;

    public static DatabaseUnusableException From(string file, Exception ex) => ex switch
    {
        SqliteException { SqliteErrorCode: Corrupt or NotADatabase } => Damaged(file, ex.Message),
        SqliteException { SqliteErrorCode: ReadOnly } or UnauthorizedAccessException =>
            new($"The database {file} cannot be written (a read-only file or folder): give the bot's user write access to the file and its folder (Storage:ConnectionString).", ex),
        SqliteException { SqliteErrorCode: CannotOpen } =>
            new($"The database {file} cannot be opened or created: check that its folder exists and the bot's user may write there (Storage:ConnectionString).", ex),
        _ => new($"The database {file} cannot be used: {ex.Message}", ex),
    };

    public static DatabaseUnusableException Damaged(string file, string problem) =>
        new($"The database {file} is damaged or not a NetralBot database ({problem.Trim()}): stop the bot, copy your last backup over it (with its -wal file, if any), and start again; or point Storage:ConnectionString to a new file.");
}
