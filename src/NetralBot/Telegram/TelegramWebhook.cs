using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace NetralBot.Telegram;

/// <summary>
/// Webhook mode on the one HTTP host: <see cref="MapTelegramWebhook"/> adds POST /webhooks/telegram, which checks
/// X-Telegram-Bot-Api-Secret-Token (constant time), hands the update to the <see cref="UpdateDispatcher"/> and answers
/// 200 at once; this service registers the webhook with the secret, retrying with backoff (as polling retries getMe)
/// until Telegram accepts. Until then updates are refused with 503 and Telegram delivers them again later. Telegram
/// sends one request at a time (max_connections = 1), so ids arrive in order and the dispatcher's repeat check holds.
/// </summary>
public sealed partial class TelegramWebhook(
    ITelegramBotClient bot,
    UpdateDispatcher dispatcher,
    TelegramCommands commands,
    IOptions<TelegramOptions> options,
    Http.ChannelReadiness readiness,
    ILogger<TelegramWebhook> logger) : BackgroundService
{
    public const string Path = "/webhooks/telegram";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(
        string.IsNullOrWhiteSpace(options.Value.WebhookSecret) ? Convert.ToHexString(RandomNumberGenerator.GetBytes(32)) : options.Value.WebhookSecret);
    private volatile string? _username;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        readiness.Expect(UpdateMapper.Channel);
        var retry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromMinutes(1),
            MaxRetryAttempts = int.MaxValue,
            OnRetry = args =>
            {
                LogRegistrationFailed(args.Outcome.Exception!, args.RetryDelay.TotalSeconds);
                return ValueTask.CompletedTask;
            },
        }).Build();
        var me = await retry.ExecuteAsync(async ct => await bot.GetMe(ct).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
        await retry.ExecuteAsync(async ct => await commands.SetAsync(ct).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
        dispatcher.Start();
        _username = me.Username ?? "";
        var o = options.Value;
        await retry.ExecuteAsync(async ct => await bot.SetWebhook(o.WebhookUrl!, maxConnections: 1, allowedUpdates: UpdateMapper.Wanted,
            secretToken: Encoding.UTF8.GetString(_secret), cancellationToken: ct).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
        readiness.Started(UpdateMapper.Channel);
        LogStarted(_username);
    }

    /// <summary>Lets the updates in hand finish. The webhook stays set: Telegram keeps new updates until the bot is back.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await dispatcher.WhenIdleAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        var given = Encoding.UTF8.GetBytes(context.Request.Headers[SecretHeader].ToString());
        if (!CryptographicOperations.FixedTimeEquals(given, _secret))
        {
            LogRejected();
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        if (_username is not { } username)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable); // not registered yet: Telegram retries
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
            dispatcher.Accept(update, username);
        }
        return Results.Ok();
    }

    /// <summary>Adds the webhook route to the HTTP host.</summary>
    public static void MapTelegramWebhook(IEndpointRouteBuilder app, TelegramWebhook webhook) =>
        app.MapPost(Path, (Func<HttpContext, Task<IResult>>)webhook.ReceiveAsync);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: webhook for @{Username} registered")]
    private partial void LogStarted(string username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: registering the webhook failed; trying again in {Seconds:0} s")]
    private partial void LogRegistrationFailed(Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: a webhook request without the right secret token was refused")]
    private partial void LogRejected();
}
