using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace NetralBot.Channels;

/// <summary>The HttpClient a channel calls its platform's API with.</summary>
public static class ChannelHttp
{
    /// <summary>
    /// A named HttpClient whose own logging is off (request URLs and headers carry tokens and recipients), and whose
    /// timeouts, network errors and 5xx are retried with exponential backoff and jitter (Polly through
    /// Microsoft.Extensions.Http.Resilience). 429 is left to the channel, which knows how its platform says how long
    /// to wait.
    /// </summary>
    public static void AddChannelHttpClient(this IServiceCollection services, string name, TimeSpan timeout) =>
        services.AddHttpClient(name, client => client.Timeout = timeout)
            .RemoveAllLoggers()
            .AddResilienceHandler(name, pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Result.StatusCode: >= HttpStatusCode.InternalServerError } => true,
                    _ => false,
                }),
            }));
}
