using System.Text.Json.Nodes;

namespace NetralBot.Tests.WhatsApp;

/// <summary>
/// The documented shapes of the messages the bot sends, as rules independent of our renderer: the Cloud API reference
/// (POST /{phone-number-id}/messages: messaging_product "whatsapp", recipient_type "individual", to, type; text.body
/// ≤ 4,096; interactive "button" and "list"; template name + language.code + components) and the checks the
/// whatsapp-api-js package (v6, src/messages/text.ts, interactive.ts, template.ts) makes before it sends: a non-empty
/// body ≤ 1,024; an image by id or link with a caption ≤ 1,024; 1–3 reply buttons of type "reply" with unique ids (≤ 256, no outer spaces) and unique non-empty titles
/// ≤ 20; a list with a button label ≤ 20, 1–10 sections (titled when more than one), 1–10 rows each, row id ≤ 200,
/// title ≤ 24, description ≤ 72; header and footer ≤ 60; a template body parameter ≤ 32,768 of type "text", without
/// line breaks, tabs or more than four spaces in a row (the Graph API refuses those).
/// Returns what is wrong, empty when the payload is valid.
/// </summary>
public static class CloudApiShapes
{
    public static List<string> Problems(JsonObject message)
    {
        var problems = new List<string>();
        void Check(bool ok, string what)
        {
            if (!ok)
            {
                problems.Add(what);
            }
        }

        Check((string?)message["messaging_product"] == "whatsapp", "messaging_product must be \"whatsapp\"");
        Check((string?)message["recipient_type"] is null or "individual", "recipient_type must be \"individual\"");
        Check(message["to"] is JsonValue to && ((string?)to)?.All(char.IsAsciiDigit) == true, "to must be the wa_id (digits)");
        var type = (string?)message["type"];
        var known = new HashSet<string> { "messaging_product", "recipient_type", "to", "type", type ?? "" };
        Check(message.Select(p => p.Key).All(known.Contains), "unknown top-level fields: " + string.Join(",", message.Select(p => p.Key).Where(k => !known.Contains(k))));
        switch (type)
        {
            case "text":
                var body = (string?)message["text"]?["body"];
                Check(!string.IsNullOrWhiteSpace(body), "text.body must not be empty");
                Check(body is null || body.Length <= 4096, "text.body over 4,096");
                Check(message["text"]?["preview_url"] is null or JsonValue, "text.preview_url must be a boolean");
                break;
            case "interactive":
                Interactive(message["interactive"] as JsonObject, Check);
                break;
            case "image":
                var image = message["image"];
                Check(image?["id"] is not null ^ image?["link"] is not null, "image needs exactly one of id and link");
                Check(image?["caption"] is null || ((string?)image["caption"])!.Length <= 1024, "image caption over 1,024");
                break;
            case "template":
                Template(message["template"] as JsonObject, Check);
                break;
            default:
                Check(false, $"type '{type}' is not one the bot should send");
                break;
        }
        return problems;
    }

    private static void Interactive(JsonObject? interactive, Action<bool, string> check)
    {
        if (interactive is null)
        {
            check(false, "interactive missing");
            return;
        }
        var body = (string?)interactive["body"]?["text"];
        check(!string.IsNullOrEmpty(body), "interactive.body.text must not be empty");
        check(body is null || body.Length <= 1024, "interactive.body.text over 1,024");
        check(interactive["header"] is null || ((string?)interactive["header"]!["text"])?.Length <= 60, "header text over 60");
        check(interactive["footer"] is null || ((string?)interactive["footer"]!["text"])?.Length <= 60, "footer text over 60");
        var action = interactive["action"] as JsonObject;
        switch ((string?)interactive["type"])
        {
            case "button":
                var buttons = action?["buttons"]?.AsArray() ?? [];
                check(buttons.Count is >= 1 and <= 3, "reply buttons must be 1 to 3");
                var ids = buttons.Select(b => (string?)b?["reply"]?["id"] ?? "").ToList();
                var titles = buttons.Select(b => (string?)b?["reply"]?["title"] ?? "").ToList();
                check(buttons.All(b => (string?)b?["type"] == "reply"), "button type must be \"reply\"");
                check(ids.All(i => i.Length is > 0 and <= 256 && i == i.Trim()), "button id empty, over 256 or with outer spaces");
                check(titles.All(t => t.Length is > 0 and <= 20), "button title empty or over 20: " + string.Join(" | ", titles));
                check(ids.Distinct().Count() == ids.Count, "button ids must be unique");
                check(titles.Distinct().Count() == titles.Count, "button titles must be unique: " + string.Join(" | ", titles));
                break;
            case "list":
                var label = (string?)action?["button"];
                check(!string.IsNullOrEmpty(label) && label.Length <= 20, "list button label empty or over 20");
                var sections = action?["sections"]?.AsArray() ?? [];
                check(sections.Count is >= 1 and <= 10, "list sections must be 1 to 10");
                check(sections.Count == 1 || sections.All(s => s?["title"] is not null), "several sections need titles");
                var rows = sections.SelectMany(s => s?["rows"]?.AsArray() ?? []).ToList();
                check(sections.All(s => (s?["rows"]?.AsArray().Count ?? 0) is >= 1 and <= 10) && rows.Count <= 10, "rows must be 1 to 10 (10 in all)");
                var rowIds = rows.Select(r => (string?)r?["id"] ?? "").ToList();
                check(rowIds.All(i => i.Length is > 0 and <= 200), "row id empty or over 200");
                check(rowIds.Distinct().Count() == rowIds.Count, "row ids must be unique");
                check(rows.All(r => ((string?)r?["title"])?.Length is > 0 and <= 24), "row title empty or over 24");
                check(rows.All(r => r?["description"] is null || ((string?)r["description"])!.Length <= 72), "row description over 72");
                break;
            default:
                check(false, "interactive.type must be button or list");
                break;
        }
    }

    private static void Template(JsonObject? template, Action<bool, string> check)
    {
        check(!string.IsNullOrEmpty((string?)template?["name"]), "template.name missing");
        check(!string.IsNullOrEmpty((string?)template?["language"]?["code"]), "template.language.code missing");
        foreach (var component in template?["components"]?.AsArray() ?? [])
        {
            check((string?)component?["type"] is "header" or "body" or "button", "unknown component type");
            foreach (var parameter in component?["parameters"]?.AsArray() ?? [])
            {
                check((string?)parameter?["type"] == "text", "body parameter must be of type text");
                var text = (string?)parameter?["text"] ?? "";
                check(text.Length is > 0 and <= 32_768, "body parameter empty or over 32,768");
                check(!text.Contains('\n') && !text.Contains('\t') && !text.Contains("     ", StringComparison.Ordinal), "body parameter with a line break, tab or 5+ spaces");
            }
        }
    }
}
