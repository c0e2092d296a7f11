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
using NetralBot.Conversations;
using NetralBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace NetralBot.Telegram;

/// <summary>
/// Webhook mode on the one HTTP host: <see cref="MapTelegramWebhook"/> adds POST /webhooks/telegram, which checks
/// X-Telegram-Bot-Api-Secret-Token (constant time), writes the update to the <see cref="Inbox"/> and only then answers
/// 200 (a crash after that loses nothing; when the database cannot take it Telegram gets a 503 and delivers again).
/// Repeats are the ids seen in the last two days, not those below a maximum: ids may restart after a week without
/// updates, and a maximum set by one odd id (2147483647) would silence every later update. Any worker answers the
/// update (<see cref="InboxWorker"/>), each chat in order. This service registers the webhook with the secret,
/// retrying with backoff (as polling retries getMe) until Telegram accepts; until then updates are refused with 503.
/// </summary>
public sealed partial class TelegramWebhook(
    ITelegramBotClient bot,
    Hosting.MasterSecret secret,
    Inbox inbox,
    InboxSignal signal,
    ConversationKeys keys,
    TelegramUpdateHandler handler,
    TelegramCommands commands,
    IOptions<TelegramOptions> options,
    Http.ChannelReadiness readiness,
    ILogger<TelegramWebhook> logger) : BackgroundService, IInboxHandler
{
    public const string Path = "/webhooks/telegram";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    // Without a configured secret, one derived from the key file: every worker sharing that file registers the same one
    // (a random secret per worker would leave only the last worker's accepted).
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(
        string.IsNullOrWhiteSpace(options.Value.WebhookSecret) ? Convert.ToHexString(secret.Derive("telegram-webhook-secret")) : options.Value.WebhookSecret);
    private readonly TaskCompletionSource<string> _username = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
        var username = me.Username ?? "";
        var o = options.Value;
        await retry.ExecuteAsync(async ct => await bot.SetWebhook(o.WebhookUrl!, maxConnections: 1, allowedUpdates: UpdateMapper.Wanted,
            secretToken: Encoding.UTF8.GetString(_secret), cancellationToken: ct).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
        _username.TrySetResult(username);
        readiness.Started(UpdateMapper.Channel);
        LogStarted(username);
    }

    string IInboxHandler.Channel => UpdateMapper.Channel;

    /// <summary>Answers one kept update (the <see cref="InboxWorker"/> lets those in hand finish at shutdown).</summary>
    public async Task HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var update = JsonSerializer.Deserialize<Update>(payload, JsonBotAPI.Options) ?? throw new JsonException("an empty inbox update");
        // Another worker may have written it before this one registered: the bot's name is needed for group mentions.
        var username = await _username.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (UpdateMapper.Map(update, username) is { } mapped)
        {
            await handler.HandleAsync(mapped, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        var given = Encoding.UTF8.GetBytes(context.Request.Headers[SecretHeader].ToString());
        if (!CryptographicOperations.FixedTimeEquals(given, _secret))
        {
            LogRejected();
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        if (!_username.Task.IsCompletedSuccessfully)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable); // not registered yet: Telegram retries
        }
        Update? update;
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
            update = JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        // Only updates the bot answers are kept (a chat's message or button); the rest are acknowledged and dropped.
        if (update is null || UpdateMapper.Map(update, _username.Task.Result) is not { } mapped)
        {
            return Results.Ok();
        }
        try
        {
            if (inbox.Add(UpdateMapper.Channel, update.Id, null, keys.For(UpdateMapper.Channel, mapped.Message.ChatId), body))
            {
                signal.Raise();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotKept(ex);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable); // Telegram delivers it again later
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram: an update could not be kept (database); answered 503 so that Telegram delivers it again")]
    private partial void LogNotKept(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: a webhook request without the right secret token was refused")]
    private partial void LogRejected();
}
