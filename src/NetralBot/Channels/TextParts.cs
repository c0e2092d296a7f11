using System.Text;

namespace NetralBot.Channels;

/// <summary>Long reply text cut into messages a channel accepts (Telegram and WhatsApp both allow 4,096 characters).</summary>
public static class TextParts
{
    /// <summary>Splits at blank lines, then at line ends, then hard, keeping each part within the budget.</summary>
    public static List<string> Split(string text, int budget)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        foreach (var paragraph in text.Split("\n\n"))
        {
            foreach (var piece in Fit(paragraph, budget))
            {
                if (current.Length > 0 && current.Length + 2 + piece.Length > budget)
                {
                    parts.Add(current.ToString());
                    current.Clear();
                }
                if (current.Length > 0)
                {
                    current.Append("\n\n");
                }
                current.Append(piece);
            }
        }
        if (current.Length > 0 || parts.Count == 0)
        {
            parts.Add(current.ToString());
        }
        return parts;
    }

    private static IEnumerable<string> Fit(string paragraph, int budget)
    {
        if (paragraph.Length <= budget)
        {
            yield return paragraph;
            yield break;
        }
        var line = new StringBuilder();
        foreach (var raw in paragraph.Split('\n'))
        {
            for (var start = 0; start < Math.Max(raw.Length, 1); start += budget)
            {
                var piece = raw.Length == 0 ? "" : raw.Substring(start, Math.Min(budget, raw.Length - start));
                if (line.Length > 0 && line.Length + 1 + piece.Length > budget)
                {
                    yield return line.ToString();
                    line.Clear();
                }
                if (line.Length > 0)
                {
                    line.Append('\n');
                }
                line.Append(piece);
            }
        }
        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
