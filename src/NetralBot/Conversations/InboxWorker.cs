using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetralBot.Storage;

namespace NetralBot.Conversations;

/// <summary>
/// Answers what the webhooks wrote into the <see cref="Inbox"/>: takes the next message whose conversation has nothing
/// older waiting (another worker may be answering that one), hands it to its channel's <see cref="IInboxHandler"/>,
/// and deletes it once answered. Up to <see cref="MaxInFlight"/> conversations at once. A webhook raises the <see cref="InboxSignal"/> after
/// writing; it also looks every half second for messages other workers wrote or a dead worker left behind.
/// Stopping lets the messages in hand finish.
/// </summary>
public sealed partial class InboxWorker(Inbox inbox, IEnumerable<IInboxHandler> handlers, InboxSignal signal, TimeProvider time, ILogger<InboxWorker> logger) : BackgroundService
{
    /// <summary>Messages answered at once by this worker (on PostgreSQL each holds a connection while it runs).</summary>
    public const int MaxInFlight = 32;

    /// <summary>
    /// A message taken this many times without being finished ended its worker each time (a graceful stop finishes the
    /// messages in hand): it is dropped rather than taken again by every worker, forever.
    /// </summary>
    public const int MaxAttempts = 3;

    private static readonly TimeSpan LookAgain = TimeSpan.FromMilliseconds(500);
    private readonly Dictionary<string, IInboxHandler> _handlers = handlers.ToDictionary(h => h.Channel, StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(MaxInFlight, MaxInFlight);
    private readonly ConcurrentDictionary<long, Task> _inHand = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_handlers.Count == 0)
        {
            return; // no channel writes to the inbox (the console, polling)
        }
        var released = inbox.ReleaseTakenAtStart();
        if (released > 0)
        {
            LogReleased(released);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await _slots.WaitAsync(stoppingToken).ConfigureAwait(false);
            Inbox.Lease? lease;
            try
            {
                lease = inbox.TryTake();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _slots.Release();
                LogTakeFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
                continue;
            }
            if (lease is null)
            {
                _slots.Release();
                await signal.WaitAsync(LookAgain, stoppingToken).ConfigureAwait(false);
                continue;
            }
            // The message in hand is always finished, even when the host is stopping: no cancellation token.
            var answer = new Task<Task>(() => AnswerAsync(lease));
            _inHand[lease.Id] = answer.Unwrap();
            answer.Start(TaskScheduler.Default);
        }
    }

    /// <summary>Graceful shutdown: stop taking, then let the messages in hand finish.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(_inHand.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task AnswerAsync(Inbox.Lease lease)
    {
        try
        {
            if (lease.Attempts > MaxAttempts)
            {
                LogGaveUp(lease.Channel, lease.Attempts - 1);
            }
            else if (_handlers.TryGetValue(lease.Channel, out var handler))
            {
                await handler.HandleAsync(lease.Payload, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                LogNoHandler(lease.Channel); // the channel was switched off since: nothing can answer it
            }
            lease.Complete();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A message that cannot be read or answered would fail the same way again: it is dropped, not retried forever.
            LogFailed(lease.Channel, ex);
            TryComplete(lease);
        }
        finally
        {
            lease.Dispose();
            _inHand.TryRemove(lease.Id, out _);
            _slots.Release();
            signal.Raise(); // the conversation's next message can be taken now
        }
    }

    private void TryComplete(Inbox.Lease lease)
    {
        try
        {
            lease.Complete();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogNotDeleted(lease.Channel, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox: {Count} message(s) in hand at the last stop are answered now")]
    private partial void LogReleased(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox: taking the next message failed; trying again in 1 s")]
    private partial void LogTakeFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox: a {Channel} message is dropped: that channel is not running")]
    private partial void LogNoHandler(string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbox: a {Channel} message could not be answered and is dropped")]
    private partial void LogFailed(string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbox: a {Channel} message is dropped: handling it was cut short {Attempts} times (the process ended each time)")]
    private partial void LogGaveUp(string channel, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbox: a {Channel} message could not be deleted; it may be answered again")]
    private partial void LogNotDeleted(string channel, Exception exception);
}
