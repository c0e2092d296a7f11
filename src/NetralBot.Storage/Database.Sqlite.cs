using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace NetralBot.Storage;

/// <summary>
/// SQLite: connections with the pragmas every connection needs (busy timeout, foreign keys, secure_delete so deleted
/// rows leave no residue), set once per physical connection, and a file prepared once (integrity check, owner-only, WAL, migrations).
/// </summary>
public sealed partial class Database
{
    // wal_autocheckpoint: a pooled connection's commit checkpoints at 4,000 WAL pages (16 MB with 4 KiB pages) instead of
    // SQLite's 1,000: a checkpoint copies each page changed since the last once and syncs, so rarer ones copy a hot page
    // once for more commits. Conversation steps (the writer) leave checkpoints to the background (see OpenSqliteWriter).
    private const string ConnectionPragmas = """
        PRAGMA busy_timeout = 5000;
        PRAGMA foreign_keys = ON;
        PRAGMA secure_delete = ON;
        PRAGMA synchronous = NORMAL;
        PRAGMA wal_autocheckpoint = 4000;
        """;

    // The pool keeps physical connections open and hands them out again: each gets the pragmas above once, remembered
    // with its native handle, and its synchronous level changes only when a caller wants the other one.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, StrongBox<bool>> DurableByConnection = new();

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

    /// <summary>
    /// Closes the pooled connections nobody holds (a connection in use is closed when it is given back). Each keeps up to
    /// 2 MB of SQLite's page cache, and after a busy spell the pool holds as many as were open at once; the next caller
    /// opens a new one. The writer's long-lived connection is not pooled and stays open.
    /// </summary>
    private void ReleaseIdleSqliteConnections()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection OpenSqlite(bool durable)
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        SetSynchronous(connection, durable);
        return connection;
    }

    // Conversation steps share one long-lived connection, taken in turn under this lock: SQLite lets one connection write
    // at a time anyway, and a connection kept open keeps its prepared statements (Writer.Statements).
    private readonly Lock _writerLock = new();
    private Writer? _writer;

    private Writer TakeSqliteWriter()
    {
        _writerLock.Enter();
        try
        {
            return _writer ??= OpenSqliteWriter();
        }
        catch
        {
            _writerLock.Exit();
            throw;
        }
    }

    private void CloseSqliteWriter()
    {
        lock (_writerLock)
        {
            _checkpointer?.Dispose();
            _checkpointer = null;
            _writer?.Close();
            _writer = null;
        }
    }

    // Checkpoints run beside the steps, not inside them. With SQLite's automatic checkpoint, the commit that crossed the
    // threshold copied the whole WAL into the database file and synced it before its step could answer: a stall of tens
    // of milliseconds every few thousand messages (a third of the wall time at full load). A PASSIVE checkpoint on
    // another connection takes no writer lock, so steps go on while it copies and syncs. It runs each second that saw a
    // step, which also bounds what a power cut can take from non-tip steps (synchronous=NORMAL syncs the WAL only at a
    // checkpoint) to about a second. The writer keeps an automatic checkpoint at 16,000 pages as a safety net.
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromSeconds(1);
    private Timer? _checkpointer;
    private int _stepsSinceCheckpoint;
    private int _checkpointing;

    private Writer OpenSqliteWriter()
    {
        var connection = OpenSqlite(durable: false);
        Run(connection, "PRAGMA wal_autocheckpoint = 16000;");
        _checkpointer = new Timer(_ => CheckpointInBackground(), null, CheckpointEvery, CheckpointEvery);
        return new Writer(connection, () =>
        {
            Interlocked.Increment(ref _stepsSinceCheckpoint);
            _writerLock.Exit();
        });
    }

    private void CheckpointInBackground()
    {
        if (Interlocked.CompareExchange(ref _checkpointing, 1, 0) != 0)
        {
            return; // the last one is still copying
        }
        try
        {
            if (Interlocked.Exchange(ref _stepsSinceCheckpoint, 0) > 0)
            {
                using var connection = OpenSqlite(durable: false);
                Run(connection, "PRAGMA wal_checkpoint(PASSIVE);");
            }
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            // Busy, closing or the disk away: the next second tries again (the safety net bounds the WAL meanwhile). A
            // timer thread must not throw: that would end the process.
        }
        finally
        {
            Volatile.Write(ref _checkpointing, 0);
        }
    }

    /// <summary>
    /// Gives a connection the pragmas every connection needs (once per physical connection) and the synchronous level
    /// wanted: FULL when <paramref name="durable"/> (a commit is on disk before it returns), NORMAL otherwise. SQLite
    /// refuses to change the level inside a transaction, so it is set before one begins.
    /// </summary>
    internal static void SetSynchronous(SqliteConnection connection, bool durable)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        if (!DurableByConnection.TryGetValue(handle, out var current))
        {
            Run(connection, ConnectionPragmas);
            current = new StrongBox<bool>(false);
            DurableByConnection.AddOrUpdate(handle, current);
        }
        if (current.Value != durable)
        {
            Run(connection, durable ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
            current.Value = durable;
        }
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
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
