using System.Security.Cryptography;
using System.Text;

namespace NetralBot.Storage;

/// <summary>
/// Turns a channel's chat id into the key conversations are stored under: HMAC-SHA256 with a secret, so the
/// database never holds the raw id and cannot be reversed by hashing every possible id.
/// </summary>
/// <remarks>
/// Every message derives its key: each thread keeps one HMAC set up with the secret (the one-shot
/// <see cref="HMACSHA256.HashData(byte[], byte[])"/> sets up a new one per call). Nothing of a chat is kept between calls.
/// </remarks>
public sealed class ConversationKeys(byte[] secret) : IDisposable
{
    private readonly byte[] _secret = secret.Length >= 32 ? secret : throw new ArgumentException("The conversation key secret must be at least 32 bytes.", nameof(secret));
    private readonly ThreadLocal<IncrementalHash> _hmac = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret), trackAllValues: true);

    public string For(string channel, string chatId)
    {
        // HMAC(secret, UTF-8 of "channel:chatId"), as stored since the first version.
        var length = Encoding.UTF8.GetByteCount(channel) + 1 + Encoding.UTF8.GetByteCount(chatId);
        var input = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(channel, input);
        input[written++] = (byte)':';
        Encoding.UTF8.GetBytes(chatId, input[written..]);
        var hmac = _hmac.Value!;
        hmac.AppendData(input);
        Span<byte> hash = stackalloc byte[32];
        hmac.GetHashAndReset(hash);
        input.Clear();
        return Convert.ToHexStringLower(hash);
    }

    public void Dispose()
    {
        foreach (var hmac in _hmac.Values)
        {
            hmac.Dispose();
        }
        _hmac.Dispose();
    }
}
