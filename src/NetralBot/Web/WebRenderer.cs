using System.Text;
using NetralBot.Core.Conversations;

namespace NetralBot.Web;

/// <summary>
/// A reply as a Direct Line activity: the text as Markdown (only **bold** is markup; every other Markdown character is
/// escaped, so a name with * or _ shows as typed), buttons as postBack suggested actions, a picture or file as a data:
/// attachment.
/// </summary>
public static class WebRenderer
{
    public static readonly ChannelAccount Bot = new("netralbot", "NetralBot", "bot");

    private const string MarkdownSpecials = "\\`*_[]<>#|~!";

    public static Activity Render(Reply reply, string? replyToId, string locale)
    {
        var attachments = new List<ActivityAttachment>();
        if (reply.Image is { } image)
        {
            attachments.Add(new ActivityAttachment("image/jpeg", "data:image/jpeg;base64," + Convert.ToBase64String(image)));
        }
        if (reply.File is { } file)
        {
            attachments.Add(new ActivityAttachment(file.MimeType, $"data:{file.MimeType};base64,{Convert.ToBase64String(file.Content)}", file.Name));
        }
        return new Activity
        {
            Type = "message",
            From = Bot,
            Text = Markdown(reply.Text),
            TextFormat = "markdown",
            Locale = locale,
            ReplyToId = replyToId,
            SuggestedActions = reply.Buttons.Count == 0 ? null : new SuggestedActions([.. reply.Buttons.Select(b => new CardAction("postBack", b.Label, b.Payload))]),
            Attachments = attachments.Count == 0 ? null : attachments,
        };
    }

    /// <summary>Keeps "**" pairs as bold and escapes every other Markdown character with a backslash.</summary>
    public static string Markdown(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                sb.Append("**");
                i++;
                continue;
            }
            if (MarkdownSpecials.Contains(text[i], StringComparison.Ordinal))
            {
                sb.Append('\\');
            }
            sb.Append(text[i]);
        }
        // Markdown joins single line breaks into one paragraph; two trailing spaces keep each line on its own.
        return sb.ToString().Replace("\n", "  \n", StringComparison.Ordinal).Replace("  \n  \n", "\n\n", StringComparison.Ordinal);
    }
}
