using System.Text;

namespace NetralBot.Core.Tips;

/// <summary>
/// The code a tipster gets to follow up a tip: 80 random bits as 16 Crockford base32 symbols in groups of four
/// ("7KQ2-M9XD-4HRT-PW3B"). Crockford's alphabet leaves out I, L, O and U, and reading is forgiving: lower case,
/// spaces and dashes are ignored, O is read as 0 and I/L as 1, so a code read aloud or retyped still works.
/// </summary>
public static class ReceiptCode
{
    public const int RandomBytes = 10;
    private const int Symbols = 16;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Formats 10 random bytes (from the caller's RNG, so tests are deterministic) as a grouped code.</summary>
    public static string From(ReadOnlySpan<byte> random)
    {
        if (random.Length != RandomBytes)
        {
            throw new ArgumentException($"A receipt code needs exactly {RandomBytes} random bytes.", nameof(random));
        }
        var sb = new StringBuilder(Symbols + 3);
        var buffer = 0;
        var bits = 0;
        foreach (var b in random)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                if (sb.Length is 4 or 9 or 14)
                {
                    sb.Append('-');
                }
                sb.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }
        return sb.ToString();
    }

    /// <summary>The canonical form of what someone typed (16 symbols, no dashes), or null if it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null)
        {
            return null;
        }
        var sb = new StringBuilder(Symbols);
        foreach (var raw in typed)
        {
            if (raw is '-' or ' ' or '\t' or '.')
            {
                continue;
            }
            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (!Alphabet.Contains(c, StringComparison.Ordinal) || sb.Length == Symbols)
            {
                return null;
            }
            sb.Append(c);
        }
        return sb.Length == Symbols ? sb.ToString() : null;
    }
}
