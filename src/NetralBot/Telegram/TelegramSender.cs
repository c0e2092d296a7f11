using Microsoft.Extensions.Logging;
using NetralBot.Broadcasting;
using NetralBot.Core.Conversations;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NetralBot.Telegram;

/// <summary>
/// Sends replies to Telegram within the rate limits: rendered HTML parts and files; a 429 whose retry_after exceeds
/// Telegram.Bot's own threshold is waited out here (in the caller's task only) and tried again; 403 means blocked.
/// </summary>
public sealed partial class TelegramSender(ITelegramBotClient bot, OutboundLimiter limiter, TimeProvider time, ILogger<TelegramSender> logger) : IMessageSender
{
    private const int MaxAttempts = 3;
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(2);

    public string Channel => UpdateMapper.Channel;

    public async Task<SendOutcome> SendAsync(string chatId, Reply reply, CancellationToken cancellationToken)
    {
        if (!long.TryParse(chatId, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return new SendOutcome(SendStatus.Failed, "not a Telegram chat id");
        }
        try
        {
            return await SendAsync(id, reply, cancellationToken).ConfigureAwait(false) ? SendOutcome.Sent : new SendOutcome(SendStatus.Blocked, "blocked by the user");
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome(SendStatus.Failed, ex is ApiRequestException api ? $"{api.ErrorCode} {api.Message}" : ex.GetType().Name);
        }
    }

    /// <summary>Sends a reply; false when the person blocked the bot (403). Other failures throw.</summary>
    public async Task<bool> SendAsync(long chatId, Reply reply, CancellationToken cancellationToken)
    {
        foreach (var part in TelegramRenderer.Render(reply))
        {
            var sent = await DeliverAsync(chatId, ct => bot.SendMessage(chatId, part.Html, ParseMode.Html, replyMarkup: part.Keyboard,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            if (!sent)
            {
                return false;
            }
        }
        if (reply.File is { } file)
        {
            return await DeliverAsync(chatId, ct => bot.SendDocument(chatId, InputFile.FromStream(new MemoryStream(file.Content, writable: false), file.Name), cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    private async Task<bool> DeliverAsync(long chatId, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await limiter.WaitAsync(chatId, cancellationToken).ConfigureAwait(false);
            try
            {
                await send(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 403)
            {
                return false;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429 && attempt < MaxAttempts)
            {
                var wait = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
                LogTooManyRequests(wait.TotalSeconds);
                await Task.Delay(wait < LongestWait ? wait : LongestWait, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: too many requests; this chat waits {Seconds} s")]
    private partial void LogTooManyRequests(double seconds);
}
