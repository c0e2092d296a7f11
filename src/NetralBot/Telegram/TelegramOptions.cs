using System.ComponentModel.DataAnnotations;
using NetralBot.Channels;

namespace NetralBot.Telegram;

/// <summary>The Telegram channel. With no BotToken the channel is off. Every value is checked at start-up.</summary>
public sealed class TelegramOptions : IValidatableObject
{
    public const string SectionName = "Telegram";

    /// <summary>The bot token from @BotFather (NETRALBOT__Telegram__BotToken). Never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>The Bot API server; null for Telegram's own. Point it at a self-hosted Bot API server or an emulator.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>How long one getUpdates call waits for updates (long polling), in seconds.</summary>
    [Range(0, 300, ErrorMessage = "Telegram:PollingTimeoutSeconds must be between 0 and 300.")]
    public int PollingTimeoutSeconds { get; set; } = 25;

    /// <summary>
    /// Telegram.Bot retries a 429 by itself when retry_after is at most this many seconds. Kept short on purpose: a
    /// longer wait would hold the batch of updates in hand and so delay other chats; longer waits are logged instead.
    /// </summary>
    [Range(0, 3600, ErrorMessage = "Telegram:RetryThresholdSeconds must be between 0 and 3600.")]
    public int RetryThresholdSeconds { get; set; } = 5;

    /// <summary>Outgoing messages per second over all chats (Telegram's guidance: about 30).</summary>
    [Range(1, 1_000_000, ErrorMessage = "Telegram:MessagesPerSecond must be at least 1.")]
    public int MessagesPerSecond { get; set; } = 30;

    /// <summary>
    /// Broadcast messages per second: their share of <see cref="MessagesPerSecond"/>. Replies always go first; this
    /// share is what broadcasts may use while nobody is waiting for an answer.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Telegram:BroadcastMessagesPerSecond must be at least 1.")]
    public int BroadcastMessagesPerSecond { get; set; } = 25;

    /// <summary>Outgoing messages per second to one chat (Telegram's guidance: about 1), after a short burst.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Telegram:PerChatMessagesPerSecond must be at least 1.")]
    public int PerChatMessagesPerSecond { get; set; } = 1;

    /// <summary>How many messages one chat may get at once before the per-chat pace applies (a reply of two parts).</summary>
    [Range(1, 1000, ErrorMessage = "Telegram:PerChatBurst must be between 1 and 1000.")]
    public int PerChatBurst { get; set; } = 3;

    /// <summary>"polling" (default) or "webhook".</summary>
    [RegularExpression("^(?i:polling|webhook)$", ErrorMessage = "Telegram:Mode must be 'polling' or 'webhook'.")]
    public string Mode { get; set; } = "polling";

    /// <summary>
    /// Webhook mode: the public HTTPS address Telegram posts updates to; the proxy in front of the bot forwards it to
    /// /webhooks/telegram on Http:Urls.
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>
    /// Webhook mode: the secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (1–256 of A–Z a–z 0–9 _ -).
    /// When empty a random one is made at each start (the webhook is registered again anyway).
    /// </summary>
    [RegularExpression("^[A-Za-z0-9_-]{1,256}$", ErrorMessage = "Telegram:WebhookSecret must be 1 to 256 of A-Z a-z 0-9 _ - (Telegram's rule).")]
    public string? WebhookSecret { get; set; }

    public PaceSettings Pace => new(MessagesPerSecond, Math.Min(BroadcastMessagesPerSecond, MessagesPerSecond), PerChatMessagesPerSecond, PerChatBurst);

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    public bool UseWebhook => string.Equals(Mode, "webhook", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApiBaseUrl is not null && !IsHttpUrl(ApiBaseUrl))
        {
            yield return new ValidationResult("Telegram:ApiBaseUrl must be an absolute http(s) address.", [nameof(ApiBaseUrl)]);
        }
        if (!UseWebhook)
        {
            yield break;
        }
        // Telegram's own servers post only to https; a self-hosted Bot API server or an emulator may use http.
        if (WebhookUrl is null || !IsHttpUrl(WebhookUrl) || (ApiBaseUrl is null && !WebhookUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            yield return new ValidationResult("Telegram:WebhookUrl must be the public https:// address Telegram posts to (Telegram:Mode is webhook).", [nameof(WebhookUrl)]);
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
