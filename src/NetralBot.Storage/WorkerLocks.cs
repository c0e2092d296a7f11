using System.Data.Common;
using Dapper;

namespace NetralBot.Storage;

/// <summary>
/// PostgreSQL session advisory locks, for what several workers on one database must coordinate: a job only one of them
/// runs (the Telegram poller, the reminder runner, retention …) and each worker's presence (so a channel's overall
/// rate is shared among the workers alive). A lock lives as long as the connection that holds it: a worker that dies
/// releases its locks with its connection, and the server tells the others at once. SQLite needs none of this: one
/// process owns the file.
/// </summary>
public sealed class WorkerLocks(Database database)
{
    // The first half of NetralBot's two-part advisory keys (the migrator uses a one-part key).
    private const int JobClass = 0x4E42_0001;
    private const int WorkerClass = 0x4E42_0002;

    private const string TryLock = "SELECT pg_try_advisory_lock(@Class, @Key)";

    private const string TryLockJob = "SELECT pg_try_advisory_lock(@Class, hashtext(@Job))";

    // Locks taken with two int keys show classid, objid and objsubid = 2; pg_locks is readable without extra rights.
    private const string CountHolders = """
        SELECT COUNT(*) FROM pg_locks
        WHERE locktype = 'advisory' AND classid = CAST(@Class AS oid) AND objsubid = 2 AND granted
        """;

    /// <summary>The open connection holding the job's lock, or null when another worker holds it.</summary>
    public DbConnection? TryHoldJob(string job)
    {
        var connection = database.Open();
        try
        {
            if (connection.ExecuteScalar<bool>(TryLockJob, new { Class = JobClass, Job = job }))
            {
                var held = connection;
                connection = null;
                return held;
            }
            return null;
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>An open connection that marks this worker present until it is closed, and the worker's number.</summary>
    public (DbConnection Held, long Number) HoldPresence()
    {
        var connection = database.Open();
        while (true)
        {
            var number = Random.Shared.Next(1, int.MaxValue);
            if (connection.ExecuteScalar<bool>(TryLock, new { Class = WorkerClass, Key = number }))
            {
                return (connection, number);
            }
            // another worker drew the same number
        }
    }

    /// <summary>A subquery: the numbers of the workers present (<see cref="HoldPresence"/>; 1312948226 = WorkerClass).</summary>
    internal const string PresentNumbers = """
        SELECT CAST(objid AS bigint) FROM pg_locks
        WHERE locktype = 'advisory' AND classid = CAST(1312948226 AS oid) AND objsubid = 2 AND granted
        """;

    /// <summary>Workers present now (this one included).</summary>
    public int CountWorkers()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int>(CountHolders, new { Class = WorkerClass });
    }

    /// <summary>Still connected (the locks it holds are still held).</summary>
    public static void Check(DbConnection held) => held.ExecuteScalar<int>("SELECT 1");

    /// <summary>Gives the locks back before the connection goes back to the pool (where they would stay held).</summary>
    public static void Release(DbConnection held)
    {
        try
        {
            held.Execute("SELECT pg_advisory_unlock_all()");
        }
        catch (DbException)
        {
            // a broken connection holds nothing any more
        }
        held.Dispose();
    }
}
