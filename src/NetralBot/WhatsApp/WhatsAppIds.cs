using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace NetralBot.WhatsApp;

/// <summary>
/// WhatsApp's message ids (wamid…) encode the phone number, so they are stored only as keyed hashes (HMAC-SHA256 with
/// a key derived from the bot's secret): folded to 64 bits for the repeat check of incoming messages, as base64 for
/// finding a sent broadcast message again when its status arrives.
/// </summary>
public sealed class WhatsAppIds(byte[] key)
{
    /// <summary>Meta retries an unacknowledged delivery for up to seven days: repeats are recognised that long.</summary>
    public static readonly TimeSpan RetryWindow = TimeSpan.FromDays(7);

    public long SeenKey(string messageId) => BinaryPrimitives.ReadInt64BigEndian(Hash("in:", messageId));

    public string StatusKey(string messageId) => Convert.ToBase64String(Hash("out:", messageId).AsSpan(0, 18));

    private byte[] Hash(string purpose, string messageId) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + messageId));
}
