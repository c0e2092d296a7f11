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
/// (the channel paces them behind replies; a few in flight at once), each ending with how to stop, and marks each
/// sent or failed; a person who blocked the bot is unsubscribed. At start-up, messages left in flight by a crash are
/// put back, so a broadcast resumes where it was: at most one claimed batch can be sent twice.
/// </summary>
public sealed partial class BroadcastSender(
    Broadcasts broadcasts,
    Subscriptions subscriptions,
    IEnumerable<IMessageSender> senders,
    DialogsProvider dialogs,
    IOptions<BroadcastOptions> options,
    TimeProvider time,
    ILogger<BroadcastSender> logger) : BackgroundService
{
    /// <summary>Messages claimed at once: the most that can be sent twice after a crash.</summary>
    public const int BatchSize = 50;

    private static readonly TimeSpan IdlePause = TimeSpan.FromSeconds(1);
    private (long BroadcastId, byte[]? Image) _image;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recovered = broadcasts.RecoverInFlight();
        if (recovered > 0)
        {
            LogRecovered(recovered);
        }
        var byChannel = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency };
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = broadcasts.ClaimNext(BatchSize);
            if (batch.Count == 0)
            {
                await Task.Delay(IdlePause, time, stoppingToken).ConfigureAwait(false);
                continue;
            }
            // A batch claimed is finished even while stopping, so "sending" rows stay as few as possible.
            var messages = batch.Select(d => (Delivery: d, Reply: Compose(d))).ToList();
            await Parallel.ForEachAsync(messages, parallel, (m, _) => new ValueTask(DeliverAsync(m.Delivery, m.Reply, byChannel))).ConfigureAwait(false);
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

    private async Task DeliverAsync(Broadcasts.Delivery delivery, Reply reply, Dictionary<string, IMessageSender> byChannel)
    {
        if (!byChannel.TryGetValue(delivery.Channel, out var sender))
        {
            broadcasts.MarkFailed(delivery, $"channel '{delivery.Channel}' is not running");
            return;
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
        switch (outcome.Status)
        {
            case SendStatus.Sent:
                broadcasts.MarkSent(delivery);
                break;
            case SendStatus.Blocked:
                subscriptions.Unsubscribe(delivery.Channel, delivery.ChatId);
                broadcasts.MarkFailed(delivery, "blocked by the user");
                break;
            default:
                if (delivery.Attempts < options.Value.MaxAttempts)
                {
                    broadcasts.Retry(delivery, outcome.Reason ?? "failed");
                }
                else
                {
                    broadcasts.MarkFailed(delivery, outcome.Reason ?? "failed");
                }
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcasts: {Count} message(s) in flight at the last stop are sent again")]
    private partial void LogRecovered(int count);
}
