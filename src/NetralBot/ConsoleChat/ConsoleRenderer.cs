using System.Text;
using NetralBot.Core.Conversations;

namespace NetralBot.ConsoleChat;

/// <summary>Renders replies as plain terminal text: markup removed, buttons as numbered choices to type.</summary>
public static class ConsoleRenderer
{
    public static string Render(IEnumerable<Reply> replies) => string.Join("\n\n", replies.Select(Render));

    public static string Render(Reply reply)
    {
        var sb = new StringBuilder(PlainText(reply.Text));
        for (var i = 0; i < reply.Buttons.Count; i++)
        {
            sb.Append(i == 0 ? "\n\n" : "\n").Append("  [").Append(i + 1).Append("] ").Append(reply.Buttons[i].Label);
        }
        return sb.ToString();
    }

    public static string PlainText(string text) => text.Replace("**", "", StringComparison.Ordinal);
}
