using System.Data.Common;
using Microsoft.Extensions.Logging;
using NetralBot.Storage;

namespace NetralBot.Hosting;

/// <summary>
/// Jobs that must run once across workers (the Telegram poller, reminders and scheduled broadcasts, retention, tip
/// notifications, the weekly digest, broadcast progress): on PostgreSQL the worker holding the job's advisory lock runs
/// it; the others wait and take over within seconds when that worker dies (its connection, and so its lock, is gone).
/// A worker that loses its connection stops the job until it holds the lock again. With SQLite this process is the only
/// one and just runs it.
/// </summary>
public sealed partial class Leadership(Database database, WorkerLocks locks, TimeProvider time, ILogger<Leadership> logger)
{
    /// <summary>How often a waiting worker tries the lock, and a leader checks it still has it.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="job"/> while this worker leads it; returns when it ends or the host stops.</summary>
    public async Task RunAsync(string name, Func<CancellationToken, Task> job, CancellationToken stoppingToken)
    {
        if (!database.IsPostgres)
        {
            await job(stoppingToken).ConfigureAwait(false);
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var held = await HoldAsync(name, stoppingToken).ConfigureAwait(false);
            LogLeading(name);
            using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var watch = WatchAsync(held, lost);
            try
            {
                await job(lost.Token).ConfigureAwait(false);
                if (!lost.IsCancellationRequested)
                {
                    return; // the job ended by itself (it is switched off)
                }
                if (!stoppingToken.IsCancellationRequested)
                {
                    LogLost(name); // the job stopped quietly when the lock was lost
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                LogLost(name);
            }
            finally
            {
                await lost.CancelAsync().ConfigureAwait(false);
                await watch.ConfigureAwait(false);
                WorkerLocks.Release(held);
            }
        }
    }

    private async Task<DbConnection> HoldAsync(string name, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                if (locks.TryHoldJob(name) is { } held)
                {
                    return held;
                }
            }
            catch (DbException ex)
            {
                LogTryFailed(name, ex);
            }
            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Cancels the job when the lock's connection breaks (the lock went with it: another worker may lead now).</summary>
    private async Task WatchAsync(DbConnection held, CancellationTokenSource lost)
    {
        try
        {
            while (!lost.IsCancellationRequested)
            {
                await Task.Delay(Interval, time, lost.Token).ConfigureAwait(false);
                WorkerLocks.Check(held);
            }
        }
        catch (OperationCanceledException)
        {
            // the job ended or the host stops
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogConnectionLost(ex);
            await lost.CancelAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This worker runs {Job}")]
    private partial void LogLeading(string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This worker no longer runs {Job}: its database connection was lost")]
    private partial void LogLost(string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask the database who runs {Job}; trying again")]
    private partial void LogTryFailed(string job, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connection holding a job's lock broke")]
    private partial void LogConnectionLost(Exception exception);
}
