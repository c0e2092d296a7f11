using System.Text;
using NetralBot.Core.Conversations;
using Telegram.Bot.Types.ReplyMarkups;

namespace NetralBot.Telegram;

/// <summary>
/// Turns a channel-neutral reply into Telegram messages: HTML with every text escaped (only the reply model's
/// **bold** becomes &lt;b&gt;), split at paragraph boundaries under Telegram's 4096-character limit, buttons as an
/// inline keyboard on the last part (one button a row; callback data is checked against the 64-byte limit).
/// </summary>
public static class TelegramRenderer
{
    public const int MaxLength = 4096;
    private const int Budget = 3900; // room for tags added while converting

    /// <summary>One message to send.</summary>
    public sealed record Part(string Html, InlineKeyboardMarkup? Keyboard);

    public static IReadOnlyList<Part> Render(Reply reply)
    {
        var chunks = Channels.TextParts.Split(reply.Text, Budget);
        var parts = chunks.Select(c => new Part(ToHtml(c), null)).ToList();
        if (reply.Buttons.Count > 0)
        {
            var keyboard = new InlineKeyboardMarkup(reply.Buttons.Select(b => new[] { InlineKeyboardButton.WithCallbackData(b.Label, CheckedData(b.Payload)) }).ToArray());
            parts[^1] = parts[^1] with { Keyboard = keyboard };
        }
        return parts;
    }

    /// <summary>Escapes everything, then turns **x** pairs into &lt;b&gt;x&lt;/b&gt; (an unpaired ** stays as text).</summary>
    public static string ToHtml(string text)
    {
        var pieces = text.Split("**");
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < pieces.Length; i++)
        {
            var escaped = Escape(pieces[i]);
            if (i % 2 == 0)
            {
                sb.Append(escaped);
            }
            else if (i < pieces.Length - 1)
            {
                sb.Append("<b>").Append(escaped).Append("</b>"); // a ** that has its closing **
            }
            else
            {
                sb.Append("**").Append(escaped); // an opening ** without a closing one stays text
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// What Telegram's HTML mode asks: &amp;, &lt; and &gt; as entities, everything else as it is (so "·" or an emoji
    /// does not grow into a numeric entity that counts against the length limits).
    /// </summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string CheckedData(string payload) =>
        Encoding.UTF8.GetByteCount(payload) <= 64
            ? payload
            : throw new InvalidOperationException($"A button payload is over Telegram's 64-byte callback limit: {payload[..20]}…");
}
