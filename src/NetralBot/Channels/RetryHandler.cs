using System.Net;
using Microsoft.Extensions.Logging;

namespace NetralBot.Channels;

/// <summary>
/// Retries a platform call that failed on the way (a network error) or on the platform's side (5xx): up to three more
/// attempts after about 0.5, 1 and 2 s (each drawn between half and one and a half times that, so chats that failed
/// together do not retry together). 429 and every other answer go back to the channel, which knows how its platform
/// says how long to wait; a call the caller cancelled (or HttpClient's timeout) is not retried. The log line names the
/// client, never the URL (it carries the bot token or the recipient).
/// </summary>
public sealed partial class RetryHandler(string client, TimeProvider time, ILogger<RetryHandler> logger) : DelegatingHandler
{
    public const int MaxRetries = 3;

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            string failure;
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode < HttpStatusCode.InternalServerError || retry == MaxRetries)
                {
                    return response;
                }
                failure = "HTTP " + (int)response.StatusCode;
                response.Dispose();
            }
            catch (HttpRequestException ex) when (retry < MaxRetries && !cancellationToken.IsCancellationRequested)
            {
                failure = ex.HttpRequestError.ToString();
            }
            var delay = FirstDelay * Math.Pow(2, retry) * (0.5 + Random.Shared.NextDouble());
            LogRetry(client, failure, retry + 1, MaxRetries, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Client}: the call failed ({Failure}); retry {Retry} of {MaxRetries} in {DelayMs} ms")]
    private partial void LogRetry(string client, string failure, int retry, int maxRetries, long delayMs);
}
