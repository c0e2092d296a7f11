using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetralBot.Storage;

namespace NetralBot.Hosting;

/// <summary>
/// This worker's presence on a PostgreSQL database shared with others: an advisory lock held for its lifetime, under a
/// number that marks the broadcast messages it claims (a claim whose worker is gone is sent by another), and the count
/// of workers present, by which each channel's rate is shared (<see cref="Channels.OutboundPacer"/>). Looked at every
/// few seconds; a lost connection is replaced. With SQLite there is one worker and no number.
/// </summary>
public sealed partial class WorkerPresence(Database database, WorkerLocks locks, TimeProvider time, ILogger<WorkerPresence> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly Lock _gate = new();
    private DbConnection? _held;
    private volatile int _workers = 1;
    private long? _number;

    /// <summary>Workers present now, this one included (at least 1).</summary>
    public int Workers => _workers;

    /// <summary>The number this worker's claims carry; null with SQLite.</summary>
    public long? Number
    {
        get
        {
            if (!database.IsPostgres)
            {
                return null;
            }
            lock (_gate)
            {
                if (_held is null)
                {
                    Hold();
                }
                return _number;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!database.IsPostgres)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                lock (_gate)
                {
                    if (_held is null)
                    {
                        Hold();
                    }
                    else
                    {
                        WorkerLocks.Check(_held);
                    }
                }
                _workers = Math.Max(1, locks.CountWorkers());
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or System.IO.IOException)
            {
                LogLost(ex);
                lock (_gate)
                {
                    if (_held is { } broken)
                    {
                        WorkerLocks.Release(broken);
                        _held = null;
                    }
                }
            }
            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_held is { } held)
            {
                WorkerLocks.Release(held);
                _held = null;
            }
        }
    }

    private void Hold()
    {
        var (connection, number) = locks.HoldPresence();
        _held = connection;
        _number = number;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workers: this worker's presence on the database was lost; holding it again")]
    private partial void LogLost(Exception exception);
}
