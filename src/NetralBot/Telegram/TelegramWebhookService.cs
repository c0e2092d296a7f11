using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NetralBot.Telegram;

/// <summary>
/// Webhook mode: a minimal endpoint on Kestrel receives updates, checks X-Telegram-Bot-Api-Secret-Token (constant
/// time), hands them to the <see cref="UpdateDispatcher"/> and answers 200 at once; the webhook is registered at
/// start-up with the secret. Telegram sends one request at a time (max_connections = 1), so ids arrive in order
/// and the dispatcher's repeat check holds; handling still runs concurrently across chats.
/// </summary>
public sealed partial class TelegramWebhookService(
    ITelegramBotClient bot,
    UpdateDispatcher dispatcher,
    TelegramCommands commands,
    IOptions<TelegramOptions> options,
    ILogger<TelegramWebhookService> logger) : IHostedService
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.WebhookUrl) || !Uri.TryCreate(o.WebhookUrl, UriKind.Absolute, out var publicUrl))
        {
            throw new InvalidOperationException("Telegram:WebhookUrl must be the public https address Telegram posts to (Telegram:Mode is webhook).");
        }
        var secret = string.IsNullOrWhiteSpace(o.WebhookSecret) ? Convert.ToHexString(RandomNumberGenerator.GetBytes(32)) : o.WebhookSecret;
        var me = await bot.GetMe(cancellationToken).ConfigureAwait(false);
        await commands.SetAsync(cancellationToken).ConfigureAwait(false);
        dispatcher.Start();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(o.WebhookListenUrl);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        var expected = System.Text.Encoding.UTF8.GetBytes(secret);
        _app.MapPost(publicUrl.AbsolutePath, async (HttpContext context) =>
        {
            var given = System.Text.Encoding.UTF8.GetBytes(context.Request.Headers[SecretHeader].ToString());
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
            {
                LogRejected();
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
            Update? update;
            try
            {
                update = await JsonSerializer.DeserializeAsync<Update>(context.Request.Body, JsonBotAPI.Options, context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return Results.BadRequest();
            }
            if (update is not null)
            {
                dispatcher.Accept(update, me.Username ?? "");
            }
            return Results.Ok();
        });
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        await bot.SetWebhook(o.WebhookUrl, maxConnections: 1, allowedUpdates: UpdateMapper.Wanted, secretToken: secret, cancellationToken: cancellationToken).ConfigureAwait(false);
        LogStarted(me.Username ?? "?", o.WebhookListenUrl);
    }

    /// <summary>Stops taking requests, then lets the updates in hand finish. The webhook stays set: Telegram keeps
    /// new updates until the bot is back.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
        await dispatcher.WhenIdleAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: webhook for @{Username} listening on {Listen}")]
    private partial void LogStarted(string username, string listen);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: a webhook request without the right secret token was refused")]
    private partial void LogRejected();
}
