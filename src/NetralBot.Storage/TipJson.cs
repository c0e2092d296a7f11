using System.Text.Json;
using System.Text.Json.Serialization;
using NetralBot.Core.Tips;

namespace NetralBot.Storage;

/// <summary>How tip drafts are serialised before encryption (enums by name, so stored data survives reordering).</summary>
internal static class TipJson
{
    public static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    public static string Serialize(TipDraft draft) => JsonSerializer.Serialize(draft, Options);

    public static TipDraft Deserialize(string json) => JsonSerializer.Deserialize<TipDraft>(json, Options) ?? TipDraft.Empty;
}
