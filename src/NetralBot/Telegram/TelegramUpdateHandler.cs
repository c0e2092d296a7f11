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
    TelegramSender sender,
    Subscriptions subscriptions,
    ILogger<TelegramUpdateHandler> logger)
{
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
            foreach (var reply in outcome.Replies)
            {
                if (!await sender.SendAsync(update.ChatId, reply, cancellationToken).ConfigureAwait(false))
                {
                    // Blocked (403): the same mechanism as for broadcasts — no more reminders until they /langganan again.
                    subscriptions.Unsubscribe(UpdateMapper.Channel, update.Message.ChatId);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: a person blocked the bot; they no longer get broadcasts")]
    private partial void LogBlocked();

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a Telegram update failed; the person got an apology")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A button press could not be acknowledged")]
    private partial void LogCallbackNotAnswered(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The apology could not be sent either")]
    private partial void LogApologyFailed(Exception exception);
}
