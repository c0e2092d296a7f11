using System.Buffers;
using System.Text;
using System.Text.Json;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;

namespace NetralBot.Storage;

/// <summary>
/// The JSON of a conversation row's <c>context</c> column (language, status, last rule, offered buttons, wrong-code
/// throttle), written and read by hand: every message reads and writes it, and System.Text.Json's serialiser (reflection
/// or generated) cost ≈ 12 µs a message for these few fields. The format is the one the serialiser wrote (its default
/// names and escaping), so rows written by earlier versions read the same; unknown properties are skipped.
/// </summary>
internal static class ConversationContextJson
{
    /// <summary>What the column holds besides the state name.</summary>
    public readonly record struct Context(
        Language Language, AskerStatus Status, string? LastRuleId, IReadOnlyList<Button> Offered, int WrongCodes, DateTimeOffset? WrongCodesSince);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static string Write(ConversationState state)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("Language"u8, state.Language.ToCode());
        writer.WriteString("Status"u8, state.Status.ToString());
        writer.WriteString("LastRuleId"u8, state.LastRuleId);
        writer.WriteStartArray("Offered"u8);
        foreach (var button in state.Offered)
        {
            writer.WriteStartObject();
            writer.WriteString("Label"u8, button.Label);
            writer.WriteString("Payload"u8, button.Payload);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteNumber("WrongCodes"u8, state.WrongCodes);
        if (state.WrongCodesSince is { } since)
        {
            writer.WriteNumber("WrongCodesSinceMs"u8, UnixTime.ToMs(since));
        }
        else
        {
            writer.WriteNull("WrongCodesSinceMs"u8);
        }
        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The context in <paramref name="json"/>; what is missing or unreadable takes the value a new conversation has.</summary>
    public static Context Read(string json)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, rented);
            return Read(new Utf8JsonReader(rented.AsSpan(0, length)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static Context Read(Utf8JsonReader reader)
    {
        var (language, status, lastRuleId, offered, wrongCodes, since) = (Language.Indonesian, AskerStatus.Unknown, (string?)null, (IReadOnlyList<Button>)[], 0, (DateTimeOffset?)null);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return new Context(language, status, lastRuleId, offered, wrongCodes, since);
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = PropertyOf(ref reader);
            reader.Read();
            switch (property)
            {
                case Property.Language:
                    language = LanguageCodes.Parse(StringOrNull(ref reader)) ?? Language.Indonesian;
                    break;
                case Property.Status:
                    status = Enum.TryParse<AskerStatus>(StringOrNull(ref reader), out var parsed) ? parsed : AskerStatus.Unknown;
                    break;
                case Property.LastRuleId:
                    lastRuleId = StringOrNull(ref reader);
                    break;
                case Property.Offered when reader.TokenType == JsonTokenType.StartArray:
                    offered = ReadButtons(ref reader);
                    break;
                case Property.WrongCodes when reader.TokenType == JsonTokenType.Number:
                    wrongCodes = reader.GetInt32();
                    break;
                case Property.WrongCodesSinceMs when reader.TokenType == JsonTokenType.Number:
                    since = UnixTime.FromMs(reader.GetInt64());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return new Context(language, status, lastRuleId, offered, wrongCodes, since);
    }

    private static List<Button> ReadButtons(ref Utf8JsonReader reader)
    {
        var buttons = new List<Button>(4);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? label = null, payload = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isLabel = reader.ValueTextEquals("Label"u8);
                var isPayload = !isLabel && reader.ValueTextEquals("Payload"u8);
                reader.Read();
                if (isLabel)
                {
                    label = StringOrNull(ref reader);
                }
                else if (isPayload)
                {
                    payload = StringOrNull(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            buttons.Add(new Button(label!, payload!));
        }
        return buttons;
    }

    private enum Property { Other, Language, Status, LastRuleId, Offered, WrongCodes, WrongCodesSinceMs }

    private static Property PropertyOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("Language"u8) ? Property.Language
        : reader.ValueTextEquals("Status"u8) ? Property.Status
        : reader.ValueTextEquals("LastRuleId"u8) ? Property.LastRuleId
        : reader.ValueTextEquals("Offered"u8) ? Property.Offered
        : reader.ValueTextEquals("WrongCodes"u8) ? Property.WrongCodes
        : reader.ValueTextEquals("WrongCodesSinceMs"u8) ? Property.WrongCodesSinceMs
        : Property.Other;

    private static string? StringOrNull(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
}
