using System.Text.Json;
using NetralBot.Core.Conversations;

namespace NetralBot.WhatsApp;

/// <summary>
/// Reads a Cloud API webhook delivery (entry[].changes[].value.messages[] and .statuses[]) into channel-neutral
/// messages: text (the word "STOP" as /berhenti, as WhatsApp users expect), a reply button's or list row's id (our
/// payload), a template's quick-reply payload, an image or document (with its caption) whose file is fetched later by
/// its media id; anything else (audio, video, sticker, location, contacts, reactions, …) becomes a message with an
/// attachment and no text, which the dialogs answer with the short "text only" reply. One delivery may carry several
/// messages and statuses, from several people.
/// </summary>
public static class WhatsAppMapper
{
    public const string Channel = "whatsapp";

    /// <summary>One incoming message: its id (for the repeat check only, never stored as it is), the message, and the
    /// media to fetch for an image or document.</summary>
    public sealed record Incoming(string MessageId, InboundMessage Message, Media? Media = null);

    /// <summary>An attached file, known by its media id until it is fetched.</summary>
    public sealed record Media(string Id, string FileName, string MimeType);

    /// <summary>A status of a message the bot sent: sent, delivered, read or failed (with the first error's code).</summary>
    public sealed record Status(string MessageId, string Value, int? ErrorCode);

    public sealed record Delivery(IReadOnlyList<Incoming> Messages, IReadOnlyList<Status> Statuses);

    public static Delivery Read(JsonElement root)
    {
        var messages = new List<Incoming>();
        var statuses = new List<Status>();
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
                        messages.Add(incoming);
                    }
                }
                foreach (var status in Array(value, "statuses"))
                {
                    if (String(status, "id") is { Length: > 0 } id && String(status, "status") is { Length: > 0 } state)
                    {
                        var code = Array(status, "errors").Select(e => e.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : (int?)null).FirstOrDefault();
                        statuses.Add(new Status(id, state, code));
                    }
                }
            }
        }
        return new Delivery(messages, statuses);
    }

    private static Incoming? Map(JsonElement message)
    {
        var from = String(message, "from");
        var id = String(message, "id");
        if (string.IsNullOrEmpty(from) || string.IsNullOrEmpty(id))
        {
            return null;
        }
        var type = String(message, "type");
        if (type is "image" or "document" && message.TryGetProperty(type, out var file) && String(file, "id") is { Length: > 0 } mediaId)
        {
            var mime = String(file, "mime_type") ?? (type == "image" ? "image/jpeg" : "application/octet-stream");
            var name = type == "image" ? "photo" + Extension(mime) : String(file, "filename") ?? "document";
            var caption = String(file, "caption");
            return new Incoming(id, new InboundMessage(Channel, from, caption, HasAttachment: true, SenderId: from), new Media(mediaId, name, mime));
        }
        var inbound = type switch
        {
            "text" => Text(from, message.TryGetProperty("text", out var text) ? String(text, "body") : null),
            "interactive" => Interactive(from, message),
            "button" => Payload(from, message.TryGetProperty("button", out var button) ? String(button, "payload") : null),
            _ => new InboundMessage(Channel, from, null, HasAttachment: true, SenderId: from),
        };
        return new Incoming(id, inbound);
    }

    private static string Extension(string mime) => mime switch
    {
        "image/png" => ".png",
        "image/webp" => ".webp",
        _ => ".jpg",
    };

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

    /// <summary>"STOP" (any case, alone) is WhatsApp's customary opt-out word: it means /berhenti here.</summary>
    private static InboundMessage Text(string from, string? text) =>
        new(Channel, from, string.Equals(text?.Trim(), "STOP", StringComparison.OrdinalIgnoreCase) ? "/berhenti" : text ?? "", SenderId: from);

    private static InboundMessage Payload(string from, string? payload) =>
        string.IsNullOrEmpty(payload) ? Text(from, "") : new InboundMessage(Channel, from, null, Payload: payload, SenderId: from);

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
