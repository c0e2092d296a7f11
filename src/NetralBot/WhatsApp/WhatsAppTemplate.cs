using System.Text;
using System.Text.Json.Nodes;

namespace NetralBot.WhatsApp;

/// <summary>
/// A broadcast as the approved template message (outside the 24-hour window): the template's name and language,
/// and the broadcast text as its one body parameter. A parameter may not hold line breaks, tabs or more than four
/// spaces in a row, so paragraphs are joined with " — " and lines with " ", and it is kept under 1,024 characters
/// (shortened at a word).
/// </summary>
public static class WhatsAppTemplate
{
    public const int ParameterLimit = 1000;

    public static JsonObject Message(TemplateOptions template, string text) => new()
    {
        ["type"] = "template",
        ["template"] = new JsonObject
        {
            ["name"] = template.Name,
            ["language"] = new JsonObject { ["code"] = template.Language },
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = Parameter(text) }),
            }),
        },
    };

    /// <summary>The text as one line a template parameter accepts.</summary>
    public static string Parameter(string text)
    {
        var paragraphs = WhatsAppRenderer.ToWhatsApp(text).Replace("\r", "", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => string.Join(' ', p.Split(['\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries)));
        var line = new StringBuilder();
        foreach (var paragraph in paragraphs.Where(p => p.Length > 0))
        {
            line.Append(line.Length > 0 ? " — " : "").Append(paragraph);
        }
        return WhatsAppRenderer.Shorten(line.ToString(), ParameterLimit);
    }
}
