using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetralBot.Web;

/// <summary>The part of a Bot Framework activity the web chat reads and writes (Direct Line 3.0).</summary>
public sealed record Activity
{
    public string Type { get; init; } = "message";
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public ChannelAccount? From { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Locale { get; init; }
    public string? ReplyToId { get; init; }
    public SuggestedActions? SuggestedActions { get; init; }
    public IReadOnlyList<ActivityAttachment>? Attachments { get; init; }
    public JsonElement? ChannelData { get; init; }
    public JsonElement? Value { get; init; }

    /// <summary>Web Chat's tapped postBack: channelData.postBack = true.</summary>
    [JsonIgnore]
    public bool IsPostBack =>
        ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("postBack", out var postBack) && postBack.ValueKind == JsonValueKind.True;
}

public sealed record ChannelAccount(string Id, string? Name = null, string? Role = null);

public sealed record ConversationAccount(string Id);

public sealed record SuggestedActions(IReadOnlyList<CardAction> Actions, IReadOnlyList<string>? To = null);

public sealed record CardAction(string Type, string Title, string Value);

public sealed record ActivityAttachment(string ContentType, string? ContentUrl = null, string? Name = null);

/// <summary>What GET …/activities and the stream send.</summary>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string Watermark);

/// <summary>What starting or resuming a conversation and the token calls answer.</summary>
public sealed record ConversationTicket(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string? StreamUrl = null);

/// <summary>The id a posted activity got.</summary>
public sealed record ResourceResponse(string Id);

public static class DirectLineJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
