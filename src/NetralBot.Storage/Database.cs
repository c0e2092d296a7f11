using System.Data.Common;

namespace NetralBot.Storage;

/// <summary>
/// The bot's database on either provider: hands out open connections (<see cref="DbConnection"/>) and prepares the
/// schema once at start-up. The stores use SQL both engines accept; where a statement must differ, the store writes
/// both out beside each other and picks one with <see cref="Sql"/>.
/// </summary>
public sealed partial class Database : IDisposable
{
    private Database(StorageProvider provider, string connectionString, string? filePath)
    {
        Provider = provider;
        ConnectionString = connectionString;
        FilePath = filePath;
    }

    /// <summary>The database for a configured provider and connection string (checked here, opened later).</summary>
    public static Database Create(StorageProvider provider, string connectionString) => provider switch
    {
        StorageProvider.Postgres => ForPostgres(connectionString),
        _ => ForSqlite(connectionString),
    };

    public StorageProvider Provider { get; }

    public bool IsPostgres => Provider == StorageProvider.Postgres;

    public string ConnectionString { get; }

    /// <summary>The SQLite file; null for an in-memory SQLite database and for PostgreSQL.</summary>
    public string? FilePath { get; }

    /// <summary>The statement for this provider, of two written out beside each other in a store.</summary>
    public string Sql(string sqlite, string postgres) => IsPostgres ? postgres : sqlite;

    /// <summary>
    /// An open connection; <paramref name="durable"/> for writes someone is told about (a tip acknowledged with its
    /// receipt code, a draft step): on SQLite the commit is then on disk before the reply (synchronous=FULL);
    /// PostgreSQL's commits are durable anyway (synchronous_commit on).
    /// </summary>
    public DbConnection Open(bool durable = false) => IsPostgres ? OpenPostgres() : OpenSqlite(durable);

    /// <summary>
    /// The connection for one write transaction, begun with <see cref="Writer.Begin"/>; dispose to give it back. SQLite:
    /// one long-lived connection taken in turn (SQLite lets one connection write at a time anyway); PostgreSQL: a pooled one.
    /// </summary>
    public Writer TakeWriter() => IsPostgres ? new Writer(OpenPostgres(), giveBack: null) : TakeSqliteWriter();

    /// <summary>
    /// Gives back what idle pooled connections hold, for a quiet spell: SQLite's pool is emptied; Npgsql closes idle
    /// connections by itself (Connection Idle Lifetime), and PostgreSQL keeps its cache in the server.
    /// </summary>
    public void ReleaseIdleConnections()
    {
        if (!IsPostgres)
        {
            ReleaseIdleSqliteConnections();
        }
    }

    /// <summary>Closes SQLite's long-lived writer connection (the pooled connections stay with the pool).</summary>
    public void Dispose() => CloseSqliteWriter();

    /// <summary>
    /// Prepares the database and applies pending migrations; returns its schema version. A database that cannot be
    /// used is refused with <see cref="DatabaseUnusableException"/>, one sentence saying what to do.
    /// </summary>
    public int Initialize(TimeProvider time) => IsPostgres ? InitializePostgres(time) : InitializeSqlite(time);

    /// <summary>Where the data is, for messages: the file, or the server and database (never the password).</summary>
    public string Describe() => IsPostgres ? DescribePostgres() : FilePath ?? ":memory:";
}
