using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NetralBot.Web;

/// <summary>
/// Direct Line tokens scoped to one conversation: "conversation id . expiry . HMAC" signed with a key derived from the
/// bot's key file. Nothing is stored, so a token stays valid across restarts (and across workers that share the key)
/// until it expires; a refresh issues a new one for the same conversation.
/// </summary>
public sealed class DirectLineTokens(byte[] key, TimeProvider time)
{
    public string Issue(string conversationId, TimeSpan lifetime)
    {
        var expires = time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var payload = conversationId + "." + expires;
        return payload + "." + Base64Url.EncodeToString(Sign(payload));
    }

    /// <summary>The conversation a valid, unexpired token is for; null otherwise.</summary>
    public string? ConversationOf(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 256)
        {
            return null;
        }
        var parts = token.Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }
        byte[] given;
        try
        {
            given = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return null;
        }
        var expected = Sign(parts[0] + "." + parts[1]);
        if (!CryptographicOperations.FixedTimeEquals(given, expected) || time.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            return null;
        }
        return parts[0];
    }

    /// <summary>A new random conversation id (128 bits, URL-safe, no dots).</summary>
    public static string NewConversationId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    private byte[] Sign(string payload) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload));
}
