using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Channels;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Dialogs;
using NetralBot.Storage;

namespace NetralBot.Broadcasting;

/// <summary>
/// Works through the outbox: claims a batch of pending messages, sends them through their channel as bulk traffic
/// (the channel paces them behind replies; a few in flight at once), each ending with how to stop. One writer records
/// the results as they come (group commits): sent, failed with the reason, or pending again; a person who blocked
/// the bot is unsubscribed. At start-up, messages left "sending" by a crash are put back, so a broadcast resumes where
/// it was: only messages in flight (sent but not yet recorded) can go twice, never more than one claimed batch. With
/// several workers on PostgreSQL every worker claims (rows another is claiming are skipped), each claim carries the
/// worker's number, and every few seconds the claims of workers no longer present are put back.
/// </summary>
public sealed partial class BroadcastSender(
    Broadcasts broadcasts,
    Database database,
    Hosting.WorkerPresence presence,
    IEnumerable<IMessageSender> senders,
    Http.BotMetrics metrics,
    DialogsProvider dialogs,
    IOptions<BroadcastOptions> options,
    TimeProvider time,
    ILogger<BroadcastSender> logger) : BackgroundService
{
    /// <summary>Messages claimed at once: the most that can be sent twice after a crash.</summary>
    public const int BatchSize = 50;

    /// <summary>Results written in one transaction at most (and waiting to be written at most).</summary>
    private const int GroupSize = 200;

    private static readonly TimeSpan IdlePause = TimeSpan.FromSeconds(1);

    /// <summary>How often, with several workers, the claims of workers that died are looked for.</summary>
    private static readonly TimeSpan RecoverEvery = TimeSpan.FromSeconds(5);
    private (long BroadcastId, byte[]? Image) _image;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastRecovery = DateTimeOffset.MinValue; // the first look puts back what a crash left
        var byChannel = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency };
        // Bounded: when the writer falls behind, sending waits (memory stays flat however many subscribers).
        var results = Channel.CreateBounded<(Broadcasts.Outcome Outcome, string? StatusKey)>(new BoundedChannelOptions(GroupSize) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var recorder = RecordAsync(results.Reader);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                IReadOnlyList<Broadcasts.Delivery> batch;
                try
                {
                    if (lastRecovery == DateTimeOffset.MinValue || database.IsPostgres && time.GetUtcNow() - lastRecovery >= RecoverEvery)
                    {
                        Recover();
                        lastRecovery = time.GetUtcNow();
                    }
                    batch = broadcasts.ClaimNext(BatchSize, presence.Number);
                }
                catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
                {
                    // The database is away (a failover, a restart): wait for it rather than stop the worker.
                    LogClaimFailed(ex);
                    await Task.Delay(IdlePause * 5, time, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                if (batch.Count == 0)
                {
                    await Task.Delay(IdlePause, time, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                // A batch claimed is finished even while stopping, so "sending" rows stay as few as possible.
                var messages = batch.Select(d => (Delivery: d, Reply: Compose(d))).ToList();
                await Parallel.ForEachAsync(messages, parallel, async (m, _) =>
                    await results.Writer.WriteAsync(await DeliverAsync(m.Delivery, m.Reply, byChannel).ConfigureAwait(false)).ConfigureAwait(false)).ConfigureAwait(false);
            }
        }
        finally
        {
            results.Writer.Complete();
            await recorder.ConfigureAwait(false);
        }
    }

    private void Recover()
    {
        var recovered = broadcasts.RecoverInFlight();
        if (recovered > 0)
        {
            LogRecovered(recovered);
        }
    }

    /// <summary>The one writer: whatever results arrived meanwhile go into one transaction.</summary>
    private async Task RecordAsync(ChannelReader<(Broadcasts.Outcome Outcome, string? StatusKey)> results)
    {
        var group = new List<Broadcasts.Outcome>(GroupSize);
        var keys = new List<(long, long, string)>();
        while (await results.WaitToReadAsync().ConfigureAwait(false))
        {
            while (group.Count < GroupSize && results.TryRead(out var result))
            {
                group.Add(result.Outcome);
                if (result.StatusKey is { } key)
                {
                    keys.Add((result.Outcome.Delivery.BroadcastId, result.Outcome.Delivery.SubscriberId, key));
                }
            }
            broadcasts.Record(group);
            broadcasts.RecordStatusKeys(keys); // later statuses (WhatsApp) find their row by it
            group.Clear();
            keys.Clear();
        }
    }

    private Reply Compose(Broadcasts.Delivery delivery)
    {
        var language = LanguageCodes.Parse(delivery.Language) ?? Language.Indonesian;
        var text = delivery.Text + "\n\n" + dialogs.Current.Texts.Get(language, TextKey.BroadcastFooter);
        if (!delivery.HasImage)
        {
            return new Reply(text);
        }
        if (_image.BroadcastId != delivery.BroadcastId)
        {
            // One array per broadcast: the channel recognises it and uploads the picture once.
            _image = (delivery.BroadcastId, broadcasts.Image(delivery.BroadcastId));
        }
        return new Reply(text, [], Image: _image.Image);
    }

    private async Task<(Broadcasts.Outcome, string?)> DeliverAsync(Broadcasts.Delivery delivery, Reply reply, Dictionary<string, IMessageSender> byChannel)
    {
        if (!byChannel.TryGetValue(delivery.Channel, out var sender))
        {
            return (new Broadcasts.Outcome(delivery, Broadcasts.Result.Failed, $"channel '{delivery.Channel}' is not running"), null);
        }
        SendOutcome outcome;
        try
        {
            outcome = await sender.SendAsync(delivery.ChatId, reply, Traffic.Bulk, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            outcome = new SendOutcome(SendStatus.Failed, ex.GetType().Name);
        }
        metrics.Broadcast(delivery.Channel, outcome.Status switch { SendStatus.Sent => "sent", SendStatus.Blocked => "blocked", _ => "failed" });
        return (outcome.Status switch
        {
            SendStatus.Sent => new Broadcasts.Outcome(delivery, Broadcasts.Result.Sent),
            SendStatus.Blocked => new Broadcasts.Outcome(delivery, Broadcasts.Result.Blocked, outcome.Reason),
            SendStatus.NotSent => new Broadcasts.Outcome(delivery, Broadcasts.Result.Failed, outcome.Reason), // trying again would not help
            _ => new Broadcasts.Outcome(delivery, delivery.Attempts < options.Value.MaxAttempts ? Broadcasts.Result.RetryLater : Broadcasts.Result.Failed, outcome.Reason),
        }, outcome.Status == SendStatus.Sent ? outcome.StatusKey : null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcasts: the outbox could not be read (database); trying again in 5 s")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcasts: {Count} message(s) in flight when their worker stopped are sent again")]
    private partial void LogRecovered(int count);
}
