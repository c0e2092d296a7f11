using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NetralBot.Telegram;

namespace NetralBot.Tests.Telegram;

/// <summary>
/// The bot in webhook mode behind the emulator. The emulator's webhook delivery sends no secret-token header, so a
/// small forwarding proxy in front of the bot adds it, as Telegram itself would; the secret check is tested with
/// direct requests.
/// </summary>
public sealed class TelegramWebhookEmulator : TelegramEmulator
{
    public const string Secret = "netralbot_webhook_secret-123";
    private WebApplication? _proxy;

    public override string BotToken => "654321:NETRALBOT-WEBHOOK-TOKEN";

    public string ListenUrl { get; } = $"http://127.0.0.1:{FreePort()}";

    public string WebhookPath => TelegramWebhook.Path;

    protected override bool Webhook => true;

    protected override async Task<Dictionary<string, string?>> ExtraSettingsAsync()
    {
        var proxyUrl = $"http://127.0.0.1:{FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(proxyUrl);
        builder.Logging.ClearProviders();
        _proxy = builder.Build();
        var client = new HttpClient();
        _proxy.MapPost(WebhookPath, async (HttpContext context) =>
        {
            using var body = new StreamContent(context.Request.Body);
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var forward = new HttpRequestMessage(HttpMethod.Post, ListenUrl + WebhookPath) { Content = body };
            forward.Headers.Add(TelegramWebhook.SecretHeader, Secret);
            using var response = await client.SendAsync(forward);
            return Results.StatusCode((int)response.StatusCode);
        });
        await _proxy.StartAsync();
        return new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "webhook",
            ["Telegram:WebhookUrl"] = proxyUrl + WebhookPath,
            ["Http:Urls"] = ListenUrl,
            ["Telegram:WebhookSecret"] = Secret,
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TelegramWebhookCollection : ICollectionFixture<TelegramWebhookEmulator>
{
    public const string Name = "Telegram emulator, webhook mode";
}
