using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetralBot.Channels;

namespace NetralBot.Tests.Channels;

/// <summary>A channel's HttpClient against a real HTTP server on loopback that answers with a chosen status.</summary>
public class RetryHandlerTests
{
    [Fact]
    public async Task AServerErrorEveryTime_IsTriedFourTimes_ThenTheChannelGetsTheError()
    {
        using var server = new StatusServer(HttpStatusCode.ServiceUnavailable);
        using var client = ChannelClient();

        using var response = await client.GetAsync(server.Url);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1 + RetryHandler.MaxRetries, server.Requests);
    }

    [Fact]
    public async Task TooManyRequests_IsLeftToTheChannel_WithoutARetry()
    {
        using var server = new StatusServer(HttpStatusCode.TooManyRequests);
        using var client = ChannelClient();

        using var response = await client.GetAsync(server.Url);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task TwoServerErrors_ThenTheAnswer_ReachesTheChannel()
    {
        using var server = new StatusServer(HttpStatusCode.BadGateway, failures: 2);
        using var client = ChannelClient();

        using var response = await client.GetAsync(server.Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, server.Requests);
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
