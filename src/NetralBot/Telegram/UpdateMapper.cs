using System.Globalization;
using NetralBot.Core.Conversations;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NetralBot.Telegram;

/// <summary>Reads a Telegram update as the bot's inbound message (without the file bytes, which are fetched later).</summary>
public static class UpdateMapper
{
    public const string Channel = "telegram";

    /// <summary>The update types the bot asks Telegram for (polling and webhook alike).</summary>
    public static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery];

    /// <summary>What an update is for the bot, or null when the bot ignores it (group chatter, channel posts, edits).</summary>
    public sealed record Mapped(long ChatId, InboundMessage Message, string? CallbackQueryId, string? FileId, string? FileName, string? MimeType, long? FileSize);

    public static Mapped? Map(Update update, string botUsername)
    {
        if (update.CallbackQuery is { Data: { } data, Message: { } origin } callback)
        {
            var inbound = new InboundMessage(Channel, Id(origin.Chat.Id), null, data, callback.From.LanguageCode,
                IsGroupChat: IsGroup(origin.Chat.Type), SenderId: Id(callback.From.Id));
            return new Mapped(origin.Chat.Id, inbound, callback.Id, null, null, null, null);
        }
        if (update.Message is not { } message || message.From is null)
        {
            return null;
        }
        var group = IsGroup(message.Chat.Type);
        var text = message.Text ?? message.Caption;
        if (group && !IsCommandFor(text, botUsername))
        {
            return null; // in groups the bot listens only to commands addressed to it
        }
        var (fileId, fileName, mime, size) = FileOf(message);
        var mapped = new InboundMessage(Channel, Id(message.Chat.Id), text, null, message.From.LanguageCode,
            HasAttachment: fileId is not null || message.Sticker is not null || message.Voice is not null || message.Video is not null,
            IsGroupChat: group, SenderId: Id(message.From.Id));
        return new Mapped(message.Chat.Id, mapped, null, fileId, fileName, mime, size);
    }

    private static (string?, string?, string?, long?) FileOf(Message message)
    {
        if (message.Photo is { Length: > 0 } sizes)
        {
            var largest = sizes.OrderByDescending(p => p.FileSize ?? (long)p.Width * p.Height).First();
            return (largest.FileId, "photo.jpg", "image/jpeg", largest.FileSize);
        }
        if (message.Document is { } document)
        {
            return (document.FileId, document.FileName ?? "document", document.MimeType ?? "application/octet-stream", document.FileSize);
        }
        return (null, null, null, null);
    }

    private static bool IsGroup(ChatType type) => type is ChatType.Group or ChatType.Supergroup;

    /// <summary>"/start" or "/start@ThisBot" (not "/start@OtherBot").</summary>
    public static bool IsCommandFor(string? text, string botUsername)
    {
        if (string.IsNullOrEmpty(text) || !text.StartsWith('/'))
        {
            return false;
        }
        var command = text.Split(' ', 2)[0];
        var at = command.IndexOf('@', StringComparison.Ordinal);
        return at < 0 || string.Equals(command[(at + 1)..], botUsername, StringComparison.OrdinalIgnoreCase);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
