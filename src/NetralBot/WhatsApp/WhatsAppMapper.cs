using System.Text.Json;
using NetralBot.Core.Conversations;

namespace NetralBot.WhatsApp;

/// <summary>
/// Reads a Cloud API webhook delivery (entry[].changes[].value.messages[]) into channel-neutral messages: text, a
/// reply button's or list row's id (our payload) and a template's quick-reply payload; anything else (audio, sticker,
/// location, …) becomes a message with an attachment and no text, which the dialogs answer with the short "text only"
/// reply. Statuses are skipped here (a later slice reads them for delivery reports).
/// </summary>
public static class WhatsAppMapper
{
    public const string Channel = "whatsapp";

    /// <summary>One incoming message: its id (for the repeat check only, never stored as it is) and the message.</summary>
    public sealed record Incoming(string MessageId, InboundMessage Message);

    public static IReadOnlyList<Incoming> Read(JsonElement root)
    {
        var found = new List<Incoming>();
        foreach (var entry in Array(root, "entry"))
        {
            foreach (var change in Array(entry, "changes"))
            {
                if (!change.TryGetProperty("value", out var value))
                {
                    continue;
                }
                foreach (var message in Array(value, "messages"))
                {
                    if (Map(message) is { } incoming)
                    {
                        found.Add(incoming);
                    }
                }
            }
        }
        return found;
    }

    private static Incoming? Map(JsonElement message)
    {
        var from = String(message, "from");
        var id = String(message, "id");
        if (string.IsNullOrEmpty(from) || string.IsNullOrEmpty(id))
        {
            return null;
        }
        var inbound = String(message, "type") switch
        {
            "text" => Text(from, message.TryGetProperty("text", out var text) ? String(text, "body") : null),
            "interactive" => Interactive(from, message),
            "button" => Payload(from, message.TryGetProperty("button", out var button) ? String(button, "payload") : null),
            _ => new InboundMessage(Channel, from, null, HasAttachment: true, SenderId: from),
        };
        return new Incoming(id, inbound);
    }

    private static InboundMessage Interactive(string from, JsonElement message)
    {
        if (message.TryGetProperty("interactive", out var interactive))
        {
            foreach (var kind in (string[])["button_reply", "list_reply"])
            {
                if (interactive.TryGetProperty(kind, out var reply))
                {
                    return Payload(from, String(reply, "id"));
                }
            }
        }
        return new InboundMessage(Channel, from, null, HasAttachment: true, SenderId: from);
    }

    private static InboundMessage Text(string from, string? text) => new(Channel, from, text ?? "", SenderId: from);

    private static InboundMessage Payload(string from, string? payload) =>
        string.IsNullOrEmpty(payload) ? Text(from, "") : new InboundMessage(Channel, from, null, Payload: payload, SenderId: from);

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
