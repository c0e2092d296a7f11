using System.Text;
using System.Text.Json.Nodes;
using NetralBot.Core.Conversations;

namespace NetralBot.WhatsApp;

/// <summary>
/// Turns a channel-neutral reply into Cloud API message objects (without the recipient): the reply model's **bold**
/// becomes WhatsApp's *bold*; text is split at paragraphs under 4,096 characters; 1–3 buttons become reply buttons
/// (title ≤ 20, distinct), 4–10 a list (row title ≤ 24, the whole label as the row's description when shortened), more than 10
/// numbered lines to type (a typed number picks from the buttons offered, as on the console). An interactive body holds
/// at most 1,024 characters: the text that does not fit goes first as plain text messages.
/// </summary>
public static class WhatsAppRenderer
{
    public const int ButtonTitleLimit = 20;
    public const int RowTitleLimit = 24;
    public const int RowDescriptionLimit = 72;
    public const int BodyLimit = 1024;
    private const int TextBudget = 3900; // a text message may have 4,096 characters
    private const string ListButton = "Menu"; // the same word in Indonesian and English

    public static IReadOnlyList<JsonObject> Render(Reply reply)
    {
        var text = ToWhatsApp(reply.Text);
        var buttons = reply.Buttons;
        if (buttons.Count > 10)
        {
            var numbered = new StringBuilder(text);
            for (var i = 0; i < buttons.Count; i++)
            {
                numbered.Append(i == 0 ? "\n\n" : "\n").Append(i + 1).Append(". ").Append(buttons[i].Label);
            }
            return [.. Texts(numbered.ToString())];
        }
        if (buttons.Count == 0)
        {
            return [.. Texts(text)];
        }
        var (before, body) = SplitBody(text);
        var messages = before.Length > 0 ? Texts(before).ToList() : [];
        // Reply buttons must have distinct titles: labels that shorten alike go as list rows, whose descriptions differ.
        var distinct = buttons.Select(b => Shorten(b.Label, ButtonTitleLimit)).Distinct(StringComparer.Ordinal).Count() == buttons.Count;
        messages.Add(buttons.Count <= 3 && distinct ? ReplyButtons(body, buttons) : List(body, buttons));
        return messages;
    }

    /// <summary>**x** pairs become *x*; an unpaired ** stays as written. WhatsApp has no escape character, so other
    /// marks (_ ~ `) are left as the dialog texts wrote them (they hold none today).</summary>
    public static string ToWhatsApp(string text)
    {
        var pieces = text.Split("**");
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i % 2 == 0)
            {
                sb.Append(pieces[i]);
            }
            else if (i < pieces.Length - 1)
            {
                sb.Append('*').Append(pieces[i]).Append('*');
            }
            else
            {
                sb.Append("**").Append(pieces[i]);
            }
        }
        return sb.ToString();
    }

    /// <summary>Shortens at a word boundary with "…"; a single word longer than the limit is cut. The start (a verdict
    /// symbol or emoji) always stays.</summary>
    public static string Shorten(string label, int limit)
    {
        if (label.Length <= limit)
        {
            return label;
        }
        var room = label[..(limit - 1)];
        var space = room.LastIndexOf(' ');
        var cut = space > 0 ? room[..space].TrimEnd() : room;
        if (cut.Length > 0 && char.IsHighSurrogate(cut[^1]))
        {
            cut = cut[..^1];
        }
        return cut + "…";
    }

    /// <summary>The trailing paragraphs that fit an interactive body; the rest goes before it. A last paragraph over the
    /// limit leaves a pointer as the body.</summary>
    private static (string Before, string Body) SplitBody(string text)
    {
        if (text.Length <= BodyLimit)
        {
            return ("", text.Length == 0 ? "👇" : text);
        }
        var paragraphs = text.Split("\n\n");
        var start = paragraphs.Length;
        var length = 0;
        while (start > 0 && length + paragraphs[start - 1].Length + (length > 0 ? 2 : 0) <= BodyLimit)
        {
            length += paragraphs[start - 1].Length + (length > 0 ? 2 : 0);
            start--;
        }
        return start == paragraphs.Length
            ? (text, "👇")
            : (string.Join("\n\n", paragraphs[..start]), string.Join("\n\n", paragraphs[start..]));
    }

    /// <summary>Text messages of at most 4,096 characters; none for empty text (the Cloud API refuses an empty body).</summary>
    private static IEnumerable<JsonObject> Texts(string text) =>
        Channels.TextParts.Split(text, TextBudget).Where(part => part.Trim().Length > 0).Select(part => new JsonObject
        {
            ["type"] = "text",
            ["text"] = new JsonObject { ["preview_url"] = false, ["body"] = part },
        });

    private static JsonObject ReplyButtons(string body, IReadOnlyList<Button> buttons) => new()
    {
        ["type"] = "interactive",
        ["interactive"] = new JsonObject
        {
            ["type"] = "button",
            ["body"] = new JsonObject { ["text"] = body },
            ["action"] = new JsonObject
            {
                ["buttons"] = new JsonArray([.. buttons.Select(b => (JsonNode)new JsonObject
                {
                    ["type"] = "reply",
                    ["reply"] = new JsonObject { ["id"] = b.Payload, ["title"] = Shorten(b.Label, ButtonTitleLimit) },
                })]),
            },
        },
    };

    private static JsonObject List(string body, IReadOnlyList<Button> buttons) => new()
    {
        ["type"] = "interactive",
        ["interactive"] = new JsonObject
        {
            ["type"] = "list",
            ["body"] = new JsonObject { ["text"] = body },
            ["action"] = new JsonObject
            {
                ["button"] = ListButton,
                ["sections"] = new JsonArray(new JsonObject
                {
                    ["rows"] = new JsonArray([.. buttons.Select(Row)]),
                }),
            },
        },
    };

    private static JsonNode Row(Button button)
    {
        var row = new JsonObject { ["id"] = button.Payload, ["title"] = Shorten(button.Label, RowTitleLimit) };
        if (button.Label.Length > RowTitleLimit)
        {
            row["description"] = Shorten(button.Label, RowDescriptionLimit);
        }
        return row;
    }
}
