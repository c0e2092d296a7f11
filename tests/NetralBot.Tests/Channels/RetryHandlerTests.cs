using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetralBot.Channels;

namespace NetralBot.Tests.Channels;

/// <summary>A channel's HttpClient against a real HTTP server on loopback that answers with a chosen status.</summary>
public class RetryHandlerTests
{
    /// <summary>A 503 every time is tried four times and reaches the channel; a 429 is the channel's to handle (no retry);
    /// two 502s and then the answer: the channel gets the answer.</summary>
    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, HttpStatusCode.ServiceUnavailable, 1 + RetryHandler.MaxRetries)]
    [InlineData(HttpStatusCode.TooManyRequests, null, HttpStatusCode.TooManyRequests, 1)]
    [InlineData(HttpStatusCode.BadGateway, 2, HttpStatusCode.OK, 3)]
    public async Task ServerErrorsAreRetried_TooManyRequestsIsNot(HttpStatusCode status, int? failures, HttpStatusCode reachesTheChannel, int requests)
    {
        using var server = new StatusServer(status, failures);
        using var client = ChannelClient();

        using var response = await client.GetAsync(server.Url);

        Assert.Equal(reachesTheChannel, response.StatusCode);
        Assert.Equal(requests, server.Requests);
    }

    private static HttpClient ChannelClient()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddChannelHttpClient("test", TimeSpan.FromSeconds(30));
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("test");
    }

    /// <summary>Answers <c>failures</c> requests (all, when null) with the status, then 200.</summary>
    private sealed class StatusServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private int _requests;

        public StatusServer(HttpStatusCode status, int? failures = null)
        {
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }
                    var n = Interlocked.Increment(ref _requests);
                    context.Response.StatusCode = failures is null || n <= failures ? (int)status : 200;
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose() => _listener.Close();

        private static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
    }
}
