using System.ComponentModel.DataAnnotations;
using NetralBot.Channels;

namespace NetralBot.WhatsApp;

/// <summary>The WhatsApp Business Cloud API channel (section "WhatsApp"), served on the HTTP host's /webhooks/whatsapp.</summary>
public sealed class WhatsAppOptions : IValidatableObject
{
    public const string SectionName = "WhatsApp";

    /// <summary>The business phone number's id in the Graph API (not the number itself).</summary>
    public string? PhoneNumberId { get; set; }

    /// <summary>The system user's access token, sent as Authorization: Bearer.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The Meta app's secret: webhook deliveries are signed with it (X-Hub-Signature-256).</summary>
    public string? AppSecret { get; set; }

    /// <summary>The token Meta echoes when the webhook is registered (GET hub.verify_token).</summary>
    public string? VerifyToken { get; set; }

    /// <summary>The Graph API's base address; tests point it at a Cloud API double.</summary>
    public string ApiBaseUrl { get; set; } = "https://graph.facebook.com/v23.0";

    /// <summary>Messages over all chats (the number's throughput).</summary>
    [Range(1, 1_000_000, ErrorMessage = "WhatsApp:MessagesPerSecond must be at least 1.")]
    public int MessagesPerSecond { get; set; } = 80;

    [Range(1, 1_000_000, ErrorMessage = "WhatsApp:PerChatMessagesPerSecond must be at least 1.")]
    public int PerChatMessagesPerSecond { get; set; } = 1;

    [Range(1, 1000, ErrorMessage = "WhatsApp:PerChatBurst must be between 1 and 1000.")]
    public int PerChatBurst { get; set; } = 3;

    /// <summary>
    /// The approved template a broadcast or reminder goes out as to a subscriber outside the 24-hour window (the text
    /// as its one body parameter). Optional: without it such a subscriber is reported "not sent: outside 24-hour window".
    /// </summary>
    public TemplateOptions BroadcastTemplate { get; set; } = new();

    public bool Enabled => !string.IsNullOrWhiteSpace(PhoneNumberId) && !string.IsNullOrWhiteSpace(AccessToken);

    /// <summary>Broadcasts may use the whole rate; replies still go first (the pacer's rule).</summary>
    public PaceSettings Pace => new(MessagesPerSecond, MessagesPerSecond, PerChatMessagesPerSecond, PerChatBurst);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult($"WhatsApp:ApiBaseUrl: '{ApiBaseUrl}' is not an http(s) address such as https://graph.facebook.com/v23.0.", [nameof(ApiBaseUrl)]);
        }
        if (!Enabled)
        {
            yield break;
        }
        // Without these the webhook could accept nothing safely: refuse to start rather than serve a deaf channel.
        if (string.IsNullOrWhiteSpace(AppSecret))
        {
            yield return new ValidationResult("WhatsApp:AppSecret is required when the WhatsApp channel is on: webhook deliveries are verified with it.", [nameof(AppSecret)]);
        }
        if (string.IsNullOrWhiteSpace(VerifyToken))
        {
            yield return new ValidationResult("WhatsApp:VerifyToken is required when the WhatsApp channel is on: Meta checks the webhook with it.", [nameof(VerifyToken)]);
        }
        if (BroadcastTemplate.Configured && (string.IsNullOrWhiteSpace(BroadcastTemplate.Language) || BroadcastTemplate.Name!.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))))
        {
            yield return new ValidationResult("WhatsApp:BroadcastTemplate: Name must be the approved template's name (lower-case letters, digits, _) and Language its language code, e.g. id.", [nameof(BroadcastTemplate)]);
        }
        if (PhoneNumberId!.Any(c => !char.IsAsciiDigit(c)))
        {
            yield return new ValidationResult("WhatsApp:PhoneNumberId must be the numeric id from the WhatsApp Manager (not the phone number with + or spaces).", [nameof(PhoneNumberId)]);
        }
    }
}

/// <summary>An approved message template: its name and language code as registered in the WhatsApp Manager.</summary>
public sealed class TemplateOptions
{
    /// <summary>The template's name (lower case and underscores), e.g. "pengingat_netralitas"; empty: no template.</summary>
    public string? Name { get; set; }

    /// <summary>The template's language code, e.g. "id" or "en_US".</summary>
    public string Language { get; set; } = "id";

    public bool Configured => !string.IsNullOrWhiteSpace(Name);
}
