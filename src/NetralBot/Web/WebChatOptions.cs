using System.ComponentModel.DataAnnotations;

namespace NetralBot.Web;

/// <summary>The web chat (section "WebChat"), served on the HTTP host when Http:Urls is set.</summary>
public sealed class WebChatOptions : IValidatableObject
{
    public const string SectionName = "WebChat";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The secret a Pemda's server uses to mint conversation tokens (POST /v3/directline/tokens/generate). Not needed for
    /// public pages: they start anonymous conversations themselves.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Sites (origins such as "https://bkpsdm.example.go.id") whose pages may call the Direct Line API. Our own
    /// /chat page and widget need no entry.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How long a token is valid before it must be refreshed.</summary>
    [Range(60, 86_400, ErrorMessage = "WebChat:TokenSeconds must be between 60 and 86400.")]
    public int TokenSeconds { get; set; } = 1800;

    /// <summary>A conversation nobody polled, streamed or wrote to for this long is deleted from the database with its
    /// recent activities; a web subscriber's subscription ends with it.</summary>
    [Range(1, 10_080, ErrorMessage = "WebChat:ConversationIdleMinutes must be between 1 and 10080.")]
    public int ConversationIdleMinutes { get; set; } = 60;

    /// <summary>A report's activities (the visitor's answers, the prompts echoing them, the receipt) are deleted as soon as
    /// a poll acknowledges them; one sent but not acknowledged (a stream has no acknowledgement) is deleted this long after it
    /// was sent, so a client that lost it can still ask again.</summary>
    [Range(1, 3_600, ErrorMessage = "WebChat:PrivateActivitySeconds must be between 1 and 3600.")]
    public int PrivateActivitySeconds { get; set; } = 60;

    /// <summary>Messages one conversation may send per minute.</summary>
    [Range(1, 1_000_000, ErrorMessage = "WebChat:MessagesPerMinutePerConversation must be between 1 and 1000000.")]
    public int MessagesPerMinutePerConversation { get; set; } = 30;

    /// <summary>Messages all web conversations together may send per second.</summary>
    [Range(1, 1_000_000, ErrorMessage = "WebChat:MessagesPerSecond must be at least 1.")]
    public int MessagesPerSecond { get; set; } = 500;

    /// <summary>New conversations per second over all visitors.</summary>
    [Range(1, 1_000_000, ErrorMessage = "WebChat:ConversationsPerSecond must be at least 1.")]
    public int ConversationsPerSecond { get; set; } = 50;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.AbsolutePath != "/")
            {
                yield return new ValidationResult($"WebChat:AllowedOrigins: '{origin}' is not an origin such as https://bkpsdm.example.go.id (scheme, host, optional port; no path).", [nameof(AllowedOrigins)]);
            }
        }
        if (Secret is { Length: > 0 and < 32 })
        {
            yield return new ValidationResult("WebChat:Secret must be at least 32 characters.", [nameof(Secret)]);
        }
    }
}
