using System.Security.Cryptography;
using System.Text;

namespace NetralBot.Storage;

/// <summary>
/// Turns a channel's chat id into the key conversations are stored under: HMAC-SHA256 with a secret, so the
/// database never holds the raw id and cannot be reversed by hashing every possible id.
/// </summary>
public sealed class ConversationKeys(byte[] secret)
{
    private readonly byte[] _secret = secret.Length >= 32 ? secret : throw new ArgumentException("The conversation key secret must be at least 32 bytes.", nameof(secret));

    public string For(string channel, string chatId)
    {
        var input = Encoding.UTF8.GetBytes(channel + ":" + chatId);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_secret, input));
    }
}
