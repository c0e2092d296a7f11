using System.Text;

namespace NetralBot.Cli;

/// <summary>
/// User text made safe to print on an operator's terminal: control characters (ESC starting colour, title, cursor
/// or clipboard sequences, C1 controls such as CSI, BEL, backspace) and bidirectional overrides that reorder what
/// is shown become U+FFFD, so a question or a tip cannot rewrite the screen. Line breaks and tabs stay.
/// </summary>
public static class TerminalText
{
    private const char Replacement = '\uFFFD';

    public static string Clean(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]))
            {
                clean ??= new StringBuilder(text, 0, i, text.Length);
                clean.Append(Replacement);
            }
            else
            {
                clean?.Append(text[i]);
            }
        }
        return clean?.ToString() ?? text;
    }

    private static bool IsUnsafe(char c) =>
        (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
