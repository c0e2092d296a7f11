using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NetralBot.Channels;

/// <summary>The HttpClient a channel calls its platform's API with.</summary>
public static class ChannelHttp
{
    /// <summary>
    /// A named HttpClient whose own logging is off (request URLs and headers carry tokens and recipients), and whose
    /// network errors and 5xx are retried with exponential backoff and jitter (<see cref="RetryHandler"/>). 429 is left
    /// to the channel, which knows how its platform says how long to wait.
    /// </summary>
    public static void AddChannelHttpClient(this IServiceCollection services, string name, TimeSpan timeout) =>
        services.AddHttpClient(name, client => client.Timeout = timeout)
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp => new RetryHandler(name, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<RetryHandler>>()));
}
