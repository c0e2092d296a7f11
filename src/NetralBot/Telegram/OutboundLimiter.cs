using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace NetralBot.Telegram;

/// <summary>
/// Paces outgoing messages within Telegram's limits: a token bucket over all chats and one per chat (idle
/// per-chat buckets are dropped by the rate limiter itself). A send waits for both; waiting in one chat's worker
/// never holds up another chat.
/// </summary>
public sealed class OutboundLimiter : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<long> _limiter;

    public OutboundLimiter(IOptions<TelegramOptions> options)
    {
        var o = options.Value;
        var global = PartitionedRateLimiter.Create<long, int>(_ => RateLimitPartition.GetTokenBucketLimiter(0, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.MessagesPerSecond,
            TokensPerPeriod = o.MessagesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
        var perChat = PartitionedRateLimiter.Create<long, long>(chat => RateLimitPartition.GetTokenBucketLimiter(chat, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.PerChatBurst,
            TokensPerPeriod = o.PerChatMessagesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 1_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
        _limiter = PartitionedRateLimiter.CreateChained(perChat, global);
    }

    /// <summary>Waits until a message may be sent to this chat.</summary>
    public async Task WaitAsync(long chatId, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(chatId, 1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            // Only when the queue itself overflows: slow down rather than flood.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}
