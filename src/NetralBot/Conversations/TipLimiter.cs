using System.Collections.Concurrent;

namespace NetralBot.Conversations;

/// <summary>
/// Spam protection: at most N tips per conversation per day, counted in memory only (never persisted), so no
/// record links a sender to the tips they sent. A restart forgets the counts, which is the accepted price.
/// </summary>
public sealed class TipLimiter(int maxPerDay, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (DateOnly Day, int Count)> _counts = new(StringComparer.Ordinal);

    public bool Allows(string conversationKey) =>
        !_counts.TryGetValue(conversationKey, out var entry) || entry.Day != Today() || entry.Count < maxPerDay;

    public void Count(string conversationKey)
    {
        var today = Today();
        _counts.AddOrUpdate(conversationKey, (today, 1), (_, e) => e.Day == today ? (today, e.Count + 1) : (today, 1));
        if (_counts.Count > 100_000)
        {
            foreach (var stale in _counts.Where(kv => kv.Value.Day != today).Select(kv => kv.Key).ToList())
            {
                _counts.TryRemove(stale, out _);
            }
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
