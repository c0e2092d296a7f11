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
/// Waiting in one chat never holds up another chat. With several workers on one database the channel's limits hold for
/// all of them together: each worker takes its share of the overall and broadcast rates (the limit divided by the
/// workers present), re-divided when a worker comes or goes.
/// </summary>
public sealed class OutboundPacer : IAsyncDisposable
{
    private readonly PaceSettings _settings;
    private readonly bool _autoReplenish;
    private readonly Func<int> _workers;
    private readonly Lock _gate = new();
    private readonly List<Shared> _retired = [];
    private Shared _shared;
    private readonly PartitionedRateLimiter<string> _perChat;
    private readonly TimeSpan _bulkRetry;

    /// <param name="workers">Workers sharing the channel's limits now (1 with SQLite).</param>
    public OutboundPacer(PaceSettings settings, Func<int>? workers = null) : this(settings, autoReplenish: true, workers)
    {
    }

    /// <summary>Tests turn the clock off and call <see cref="Replenish"/> to decide exactly when tokens come back.</summary>
    internal OutboundPacer(PaceSettings settings, bool autoReplenish, Func<int>? workers = null)
    {
        _settings = settings;
        _autoReplenish = autoReplenish;
        _workers = workers ?? (() => 1);
        _shared = Share(1);
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
        var shared = Current();
        if (traffic == Traffic.Reply)
        {
            using var any = await shared.All.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            await SlowDownIfRefused(any, cancellationToken).ConfigureAwait(false);
            return;
        }
        using var share = await shared.Bulk.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        await SlowDownIfRefused(share, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            using var token = shared.All.AttemptAcquire(1);
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
        _shared.Bulk.TryReplenish();
        _shared.All.TryReplenish();
    }

    /// <summary>This worker's buckets for the workers present now (new ones when that number changed).</summary>
    private Shared Current()
    {
        var workers = Math.Max(1, _workers());
        var shared = _shared;
        if (shared.Workers == workers)
        {
            return shared;
        }
        lock (_gate)
        {
            if (_shared.Workers != workers)
            {
                _retired.Add(_shared); // messages already waiting there finish at the old pace
                _shared = Share(workers);
            }
            return _shared;
        }
    }

    /// <summary>
    /// Replies may come in a burst of a second's worth; broadcasts go evenly, without a burst. Each of
    /// <paramref name="workers"/> gets an equal part of the rates (at least one message a second).
    /// </summary>
    private Shared Share(int workers)
    {
        var all = Math.Max(1, _settings.MessagesPerSecond / workers);
        var bulk = Math.Max(1, _settings.BulkMessagesPerSecond / workers);
        return new Shared(workers, Bucket(all, all, queue: 100_000, _autoReplenish), Bucket(1, bulk, queue: 10_000, _autoReplenish));
    }

    private sealed record Shared(int Workers, TokenBucketRateLimiter All, TokenBucketRateLimiter Bulk);

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
        foreach (var shared in _retired.Append(_shared))
        {
            await shared.Bulk.DisposeAsync().ConfigureAwait(false);
            await shared.All.DisposeAsync().ConfigureAwait(false);
        }
    }
}
