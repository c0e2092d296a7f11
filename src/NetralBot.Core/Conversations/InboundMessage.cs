namespace NetralBot.Core.Conversations;

/// <summary>
/// What a channel hands to the conversation: typed text, or the payload of a pressed button.
/// <paramref name="ChatId"/> is the channel's raw chat id: the program hashes it into the conversation key and
/// never stores it. <paramref name="SenderId"/> is the user's id, used only to recognise configured admins.
/// </summary>
public sealed record InboundMessage(
    string Channel,
    string ChatId,
    string? Text,
    string? Payload = null,
    string? LanguageCode = null,
    bool HasAttachment = false,
    bool IsGroupChat = false,
    string? SenderId = null,
    Attachment? Attachment = null);
