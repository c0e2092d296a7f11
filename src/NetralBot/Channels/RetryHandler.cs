using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace NetralBot.Channels;

/// <summary>
/// Retries a platform call that failed on the way (a network error) or on the platform's side (5xx): up to three more
/// attempts after about 0.5, 1 and 2 s, with jitter so chats that failed together do not retry together (Polly's
/// retry strategy, without Microsoft.Extensions.Http.Resilience and the telemetry assemblies it loads: −3 MB resident).
/// 429 and every other answer go back to the channel, which knows how its platform says how long to wait; a call the
/// caller cancelled (or HttpClient's timeout) is not retried. The log line names the client, never the URL (it carries
/// the bot token or the recipient).
/// </summary>
public sealed partial class RetryHandler : DelegatingHandler
{
    public const int MaxRetries = 3;

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public RetryHandler(string client, TimeProvider time, ILogger<RetryHandler> logger)
    {
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxRetries,
                Delay = TimeSpan.FromMilliseconds(500),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .HandleResult(response => response.StatusCode >= HttpStatusCode.InternalServerError),
                OnRetry = retry =>
                {
                    var failure = retry.Outcome.Exception is HttpRequestException ex ? ex.HttpRequestError.ToString() : "HTTP " + (int)retry.Outcome.Result!.StatusCode;
                    retry.Outcome.Result?.Dispose(); // the failed answer is replaced by the next attempt's
                    LogRetry(logger, client, failure, retry.AttemptNumber + 1, MaxRetries, (long)retry.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .Build();
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(
            static async (state, token) => await state.Handler.SendOnceAsync(state.Request, token).ConfigureAwait(false),
            (Handler: this, Request: request),
            cancellationToken).AsTask();

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Client}: the call failed ({Failure}); retry {Retry} of {MaxRetries} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string client, string failure, int retry, int maxRetries, long delayMs);
}
