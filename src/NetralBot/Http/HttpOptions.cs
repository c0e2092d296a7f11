using System.ComponentModel.DataAnnotations;

namespace NetralBot.Http;

/// <summary>The one HTTP host (section "Http"). Without Urls nothing listens.</summary>
public sealed class HttpOptions : IValidatableObject
{
    public const string SectionName = "Http";

    /// <summary>Where Kestrel listens, e.g. "http://127.0.0.1:8080" (several separated by ';'); NETRALBOT__Http__Urls.</summary>
    public string? Urls { get; set; }

    /// <summary>
    /// The bearer token /metrics asks of callers that are not on this machine. Without it, /metrics answers loopback
    /// only.
    /// </summary>
    public string? MetricsToken { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Urls);

    public string[] UrlList => (Urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var url in UrlList)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"Http:Urls: '{url}' is not an http(s) address to listen on, e.g. http://127.0.0.1:8080.", [nameof(Urls)]);
            }
        }
        if (MetricsToken is { Length: > 0 and < 16 })
        {
            yield return new ValidationResult("Http:MetricsToken must be at least 16 characters.", [nameof(MetricsToken)]);
        }
    }
}
