using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NetralBot.Tests.Telegram;

/// <summary>A reverse proxy in front of the emulator applying <see cref="EmulatorQuirksHandler"/>, for a real bot process.</summary>
public sealed class QuirksProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private QuirksProxy(WebApplication app, HttpClient client, string url)
    {
        _app = app;
        _client = client;
        Url = url;
    }

    public string Url { get; }

    public static async Task<QuirksProxy> StartAsync(string target)
    {
        var url = $"http://127.0.0.1:{TelegramEmulator.FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var client = new HttpClient(new EmulatorQuirksHandler { InnerHandler = new HttpClientHandler() });
        app.Map("/{**path}", async (HttpContext context) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target + context.Request.Path + context.Request.QueryString);
            if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            {
                request.Content = new StreamContent(context.Request.Body);
                if (context.Request.ContentType is { } type)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
                }
            }
            using var response = await client.SendAsync(request);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            await response.Content.CopyToAsync(context.Response.Body);
        });
        await app.StartAsync();
        return new QuirksProxy(app, client, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _client.Dispose();
    }
}
