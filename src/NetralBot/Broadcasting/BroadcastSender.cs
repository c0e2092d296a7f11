using System.Threading.RateLimiting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Dialogs;
using NetralBot.Storage;

namespace NetralBot.Broadcasting;

/// <summary>
/// Works through the outbox: claims pending messages, sends each through its channel at the broadcast pace (each
/// ends with how to stop), marks it sent or failed; a person who blocked the bot is unsubscribed. At start-up,
/// messages left in flight by a crash are put back, so a broadcast resumes where it was.
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
    private const int BatchSize = 50;
    private static readonly TimeSpan IdlePause = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recovered = broadcasts.RecoverInFlight();
        if (recovered > 0)
        {
            LogRecovered(recovered);
        }
        var byChannel = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);
        using var pace = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.MessagesPerSecond,
            TokensPerPeriod = options.Value.MessagesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = BatchSize * 2,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = broadcasts.ClaimNext(BatchSize);
            if (batch.Count == 0)
            {
                await Task.Delay(IdlePause, time, stoppingToken).ConfigureAwait(false);
                continue;
            }
            foreach (var delivery in batch)
            {
                // A message claimed is finished even while stopping, so "sending" rows stay as few as possible.
                using var lease = await pace.AcquireAsync(1, CancellationToken.None).ConfigureAwait(false);
                await DeliverAsync(delivery, byChannel).ConfigureAwait(false);
            }
        }
    }

    private async Task DeliverAsync(Broadcasts.Delivery delivery, Dictionary<string, IMessageSender> byChannel)
    {
        if (!byChannel.TryGetValue(delivery.Channel, out var sender))
        {
            broadcasts.MarkFailed(delivery, $"channel '{delivery.Channel}' is not running");
            return;
        }
        var language = LanguageCodes.Parse(delivery.Language) ?? Language.Indonesian;
        var text = delivery.Text + "\n\n" + dialogs.Current.Texts.Get(language, TextKey.BroadcastFooter);
        SendOutcome outcome;
        try
        {
            outcome = await sender.SendAsync(delivery.ChatId, new Reply(text), CancellationToken.None).ConfigureAwait(false);
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
