using Microsoft.Extensions.Logging;
using NetralBot.Conversations;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Tips;
using NetralBot.Dialogs;
using NetralBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NetralBot.Telegram;

/// <summary>
/// Handles one update: answers a button press at once, fetches an attached file, runs the conversation, sends the
/// replies. A failure is logged (without chat, user or text) and answered with a short apology; it never escapes.
/// </summary>
public sealed partial class TelegramUpdateHandler(
    ITelegramBotClient bot,
    ConversationService conversations,
    DialogsProvider dialogs,
    OutboundLimiter limiter,
    BlockedConversations blocked,
    ConversationKeys keys,
    TimeProvider time,
    ILogger<TelegramUpdateHandler> logger)
{
    private const int MaxAttempts = 3;
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(2);

    public async Task HandleAsync(UpdateMapper.Mapped update, CancellationToken cancellationToken)
    {
        try
        {
            if (update.CallbackQueryId is { } callbackId)
            {
                await AnswerCallbackAsync(callbackId, cancellationToken).ConfigureAwait(false);
            }
            var message = update.FileId is null ? update.Message : update.Message with { Attachment = await DownloadAsync(update, cancellationToken).ConfigureAwait(false) };
            var outcome = await conversations.HandleAsync(message, cancellationToken).ConfigureAwait(false);
            var conversationKey = keys.For(UpdateMapper.Channel, update.Message.ChatId);
            blocked.Clear(conversationKey); // they wrote, so they no longer block the bot
            foreach (var reply in outcome.Replies)
            {
                if (!await SendAsync(update.ChatId, reply, cancellationToken).ConfigureAwait(false))
                {
                    blocked.Mark(conversationKey);
                    LogBlocked();
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
            await ApologiseAsync(update, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a reply within the rate limits; false when the person blocked the bot (403).</summary>
    private async Task<bool> SendAsync(long chatId, Reply reply, CancellationToken cancellationToken)
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
            return await DeliverAsync(chatId, ct =>
            {
                var stream = new MemoryStream(file.Content, writable: false);
                return bot.SendDocument(chatId, InputFile.FromStream(stream, file.Name), cancellationToken: ct);
            }, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>
    /// One outgoing call: waits its turn, and on a 429 whose retry_after is longer than Telegram.Bot's own
    /// threshold waits that long here (in this chat's worker only) and tries again. False on 403 (blocked).
    /// </summary>
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
            catch (global::Telegram.Bot.Exceptions.ApiRequestException ex) when (ex.ErrorCode == 403)
            {
                return false;
            }
            catch (global::Telegram.Bot.Exceptions.ApiRequestException ex) when (ex.ErrorCode == 429 && attempt < MaxAttempts)
            {
                var wait = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
                LogTooManyRequests(wait.TotalSeconds);
                await Task.Delay(wait < LongestWait ? wait : LongestWait, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Downloads the file unless it is over the evidence limit (then only its size is passed on).</summary>
    private async Task<Attachment> DownloadAsync(UpdateMapper.Mapped update, CancellationToken cancellationToken)
    {
        if (update.FileSize > EvidencePolicy.MaxBytes)
        {
            return new Attachment(update.FileName!, update.MimeType!, [], update.FileSize);
        }
        var file = await bot.GetFile(update.FileId!, cancellationToken).ConfigureAwait(false);
        using var content = new MemoryStream();
        await bot.DownloadFile(file, content, cancellationToken).ConfigureAwait(false);
        return new Attachment(update.FileName!, update.MimeType!, content.ToArray());
    }

    private async Task AnswerCallbackAsync(string callbackId, CancellationToken cancellationToken)
    {
        try
        {
            await bot.AnswerCallbackQuery(callbackId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The spinner on the button stops by itself; the reply still comes.
            LogCallbackNotAnswered(ex);
        }
    }

    private async Task ApologiseAsync(UpdateMapper.Mapped update, CancellationToken cancellationToken)
    {
        try
        {
            var language = LanguageCodes.Parse(update.Message.LanguageCode) ?? Language.Indonesian;
            await bot.SendMessage(update.ChatId, TelegramRenderer.ToHtml(dialogs.Current.Texts.Get(language, TextKey.Apology)), ParseMode.Html, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogApologyFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: a person blocked the bot; nothing more is sent to them until they write again")]
    private partial void LogBlocked();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: too many requests; this chat waits {Seconds} s")]
    private partial void LogTooManyRequests(double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a Telegram update failed; the person got an apology")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A button press could not be acknowledged")]
    private partial void LogCallbackNotAnswered(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The apology could not be sent either")]
    private partial void LogApologyFailed(Exception exception);
}
