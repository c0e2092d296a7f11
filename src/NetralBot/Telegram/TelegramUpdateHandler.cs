using NetralBot.Conversations;
using NetralBot.Core.Conversations;
using NetralBot.Core.Tips;
using Telegram.Bot;

namespace NetralBot.Telegram;

/// <summary>
/// Hands one Telegram update to the <see cref="InboundPipeline"/> with what only Telegram can do: stop a pressed
/// button's spinner, and download an attached file (unless it is over the evidence limit).
/// </summary>
public sealed class TelegramUpdateHandler(ITelegramBotClient bot, InboundPipeline pipeline)
{
    public Task HandleAsync(UpdateMapper.Mapped update, CancellationToken cancellationToken) =>
        pipeline.HandleAsync(new ChannelMessage(
            update.Message,
            update.FileId is null ? null : ct => DownloadAsync(update, ct),
            update.CallbackQueryId is { } callbackId ? ct => bot.AnswerCallbackQuery(callbackId, cancellationToken: ct) : null), cancellationToken);

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
}
