using System.Threading.RateLimiting;

namespace NetralBot.Channels;

/// <summary>A channel's sending limits: overall, the broadcasts' share of it, and per chat.</summary>
/// <param name="MessagesPerSecond">All messages over all chats (Telegram: about 30).</param>
/// <param name="BulkMessagesPerSecond">Broadcast messages over all chats, within the overall limit.</param>
/// <param name="PerChatMessagesPerSecond">Messages to one chat (Telegram: about 1), after <paramref name="PerChatBurst"/>.</param>
/// <param name="PerChatBurst">Messages one chat may get at once (a reply of two parts).</param>
public sealed record PaceSettings(int MessagesPerSecond, int BulkMessagesPerSecond, int PerChatMessagesPerSecond, int PerChatBurst);

/// <summary>
/// Paces one channel's outgoing messages (System.Threading.RateLimiting token buckets). Every message waits for its
/// chat's bucket, then for the channel's overall bucket. Replies queue there and are served first as tokens come
/// back; a broadcast message, after its own share's bucket, only takes an overall token when no reply is queued
/// (the limiter refuses an immediate acquire while anything is queued), so broadcasts never starve replies.
/// Waiting in one chat never holds up another chat.
/// </summary>
public sealed class OutboundPacer : IAsyncDisposable
{
    private readonly TokenBucketRateLimiter _all;
    private readonly TokenBucketRateLimiter _bulk;
    private readonly PartitionedRateLimiter<string> _perChat;
    private readonly TimeSpan _bulkRetry;

    public OutboundPacer(PaceSettings settings) : this(settings, autoReplenish: true)
    {
    }

    /// <summary>Tests turn the clock off and call <see cref="Replenish"/> to decide exactly when tokens come back.</summary>
    internal OutboundPacer(PaceSettings settings, bool autoReplenish)
    {
        // Replies may come in a burst of a second's worth; broadcasts go evenly, without a burst.
        _all = Bucket(settings.MessagesPerSecond, settings.MessagesPerSecond, queue: 100_000, autoReplenish);
        _bulk = Bucket(1, settings.BulkMessagesPerSecond, queue: 10_000, autoReplenish);
        // A chat's bucket has no timer of its own (10,000 chats would be 10,000 timers): the partitioned limiter tops
        // every bucket up by the time passed in its 100 ms heartbeat, and drops a chat's bucket after 10 s idle.
        _perChat = PartitionedRateLimiter.Create<string, string>(chat => RateLimitPartition.GetTokenBucketLimiter(chat,
            _ => Options(settings.PerChatBurst, settings.PerChatMessagesPerSecond, queue: 1_000, autoReplenish: false)));
        _bulkRetry = TimeSpan.FromSeconds(Math.Clamp(1.0 / settings.MessagesPerSecond, 0.005, 0.05));
    }

    /// <summary>Waits until a message of this kind may be sent to this chat.</summary>
    public async Task WaitAsync(string chatId, Traffic traffic, CancellationToken cancellationToken)
    {
        using var chat = await _perChat.AcquireAsync(chatId, 1, cancellationToken).ConfigureAwait(false);
        await SlowDownIfRefused(chat, cancellationToken).ConfigureAwait(false);
        if (traffic == Traffic.Reply)
        {
            using var any = await _all.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            await SlowDownIfRefused(any, cancellationToken).ConfigureAwait(false);
            return;
        }
        using var share = await _bulk.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        await SlowDownIfRefused(share, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            using var token = _all.AttemptAcquire(1);
            if (token.IsAcquired)
            {
                return;
            }
            await Task.Delay(_bulkRetry, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Only when a queue itself overflows: slow down rather than flood.</summary>
    private static Task SlowDownIfRefused(RateLimitLease lease, CancellationToken cancellationToken) =>
        lease.IsAcquired ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);

    /// <summary>One replenishment period of the overall and broadcast buckets (tests only; see the internal constructor).</summary>
    internal void Replenish()
    {
        _bulk.TryReplenish();
        _all.TryReplenish();
    }

    private static TokenBucketRateLimiter Bucket(int limit, int perSecond, int queue, bool autoReplenish) => new(Options(limit, perSecond, queue, autoReplenish));

    /// <summary>
    /// Tokens come back in small steps (every 10–40 ms at these rates, not once a second in a lump), so a queued reply
    /// waits for the next step, not for the next second.
    /// </summary>
    private static TokenBucketRateLimiterOptions Options(int limit, int perSecond, int queue, bool autoReplenish)
    {
        var step = Math.Max(1, (int)Math.Ceiling(perSecond / 100.0));
        return new TokenBucketRateLimiterOptions
        {
            AutoReplenishment = autoReplenish,
            TokenLimit = Math.Max(limit, step),
            TokensPerPeriod = step,
            ReplenishmentPeriod = TimeSpan.FromSeconds((double)step / perSecond),
            QueueLimit = queue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _perChat.DisposeAsync().ConfigureAwait(false);
        await _bulk.DisposeAsync().ConfigureAwait(false);
        await _all.DisposeAsync().ConfigureAwait(false);
    }
}
