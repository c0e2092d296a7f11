using System.Security.Cryptography;
using System.Text;

namespace NetralBot.Storage;

/// <summary>The lookup key of a receipt code: HMAC-SHA256 under a secret key, so the database never holds the code.</summary>
public sealed class ReceiptHashes(byte[] secret)
{
    public string For(string normalizedCode) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(normalizedCode)));
}
