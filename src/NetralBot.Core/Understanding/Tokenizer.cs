using System.Text;

namespace NetralBot.Core.Understanding;

/// <summary>Splits lowercased text into word tokens (letters and digits), joining hyphenated words.</summary>
internal static class Tokenizer
{
    public static List<string> Split(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (IsApostrophe(c) && current.Length > 0)
            {
                // "candidate's" → "candidate"; skip the possessive tail.
                Flush(tokens, current);
                if (i + 1 < text.Length && (text[i + 1] == 's' || text[i + 1] == 'S'))
                {
                    i++;
                }
            }
            else if (c == '-' && current.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]) && char.IsLetter(text[i - 1]))
            {
                // nge-like, di-share: one word. Reduplication (kawan-kawan) is folded below.
                current.Append('\u0001');
            }
            else
            {
                Flush(tokens, current);
            }
        }
        Flush(tokens, current);
        return tokens;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '’' or '`';

    private static void Flush(List<string> tokens, StringBuilder current)
    {
        if (current.Length == 0)
        {
            return;
        }
        var word = current.ToString();
        current.Clear();
        var dash = word.IndexOf('\u0001', StringComparison.Ordinal);
        if (dash >= 0)
        {
            var parts = word.Split('\u0001');
            word = parts.Distinct(StringComparer.Ordinal).Count() == 1 ? parts[0] : string.Concat(parts);
        }
        tokens.Add(word);
    }
}
