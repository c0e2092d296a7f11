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

    /// <summary>A PostgreSQL server that refuses or cannot be reached; the message names the server, never the password.</summary>
    public static DatabaseUnusableException FromPostgres(string where, Exception ex) => ex switch
    {
        Npgsql.PostgresException { SqlState: "28P01" or "28000" } =>
            new($"The {where} refused the login ({ex.Message}): check Username and Password in Storage:ConnectionString.", ex),
        Npgsql.PostgresException { SqlState: "3D000" } =>
            new($"The {where} does not exist: create it (createdb -O <role> <database>, see README) or correct Storage:ConnectionString.", ex),
        Npgsql.PostgresException { SqlState: "42501" } =>
            new($"The {where} may not be changed by its role ({ex.Message}): the bot's role must own its database (CREATE DATABASE … OWNER …, see README).", ex),
        _ => new($"The {where} cannot be used ({ex.Message}): check that the server runs and Storage:ConnectionString.", ex),
    };

    public static DatabaseUnusableException Damaged(string file, string problem) =>
        new($"The database {file} is damaged or not a NetralBot database ({problem.Trim()}): stop the bot, copy your last backup over it (with its -wal file, if any), and start again; or point Storage:ConnectionString to a new file.");
}
