using System.Security.Cryptography;
using System.Text;

namespace NetralBot.WhatsApp;

/// <summary>
/// Which message ids were already taken in, so Meta's retried deliveries are handled once. Ids (wamid…, which encode
/// the number) are kept only as a keyed hash, in memory, the newest <see cref="Capacity"/> of them: enough for Meta's
/// retry window at this bot's volume. First slice: a restart forgets them (the durable inbox is still to come).
/// </summary>
public sealed class SeenMessages(byte[] key)
{
    public const int Capacity = 20_000;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>True the first time an id is offered, false for every repeat.</summary>
    public bool TryTake(string messageId)
    {
        var hash = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(messageId)).AsSpan(0, 16));
        lock (_gate)
        {
            if (!_seen.Add(hash))
            {
                return false;
            }
            _order.Enqueue(hash);
            if (_order.Count > Capacity)
            {
                _seen.Remove(_order.Dequeue());
            }
            return true;
        }
    }
}
