using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Channels;
using NetralBot.Core.Conversations;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NetralBot.Telegram;

/// <summary>
/// Sends to Telegram within its limits (<see cref="OutboundPacer"/>: replies first, broadcasts in their share):
/// rendered HTML parts, an image (with the text as its caption when it fits), files; edits a message in place. A 429
/// whose retry_after exceeds Telegram.Bot's own threshold is waited out here (in the caller's task only) and tried
/// again; 403 means the person blocked the bot. The last uploaded image's file_id is reused, so a broadcast uploads
/// its picture once.
/// </summary>
public sealed partial class TelegramSender(ITelegramBotClient bot, IOptions<TelegramOptions> options, TimeProvider time, Http.BotMetrics metrics, Hosting.WorkerPresence presence, ILogger<TelegramSender> logger) : IMessageSender, IAsyncDisposable
{
    private const int MaxAttempts = 3;
    private const int CaptionLimit = 1024;
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(2);
    private readonly OutboundPacer _pacer = new(options.Value.Pace, () => presence.Workers);
    private readonly SemaphoreSlim _upload = new(1, 1);
    private volatile UploadedImage? _lastImage;

    private sealed record UploadedImage(byte[] Content, string FileId);

    public string Channel => UpdateMapper.Channel;

    public Task<SendOutcome> SendAsync(string chatId, Reply reply, Traffic traffic, CancellationToken cancellationToken) =>
        Guarded(chatId, (id, ct) => SendAsync(id, reply, traffic, ct), cancellationToken);

    public Task<SendOutcome> EditAsync(string chatId, string messageId, Reply reply, CancellationToken cancellationToken) =>
        Guarded(chatId, async (id, ct) =>
        {
            if (!int.TryParse(messageId, NumberStyles.None, CultureInfo.InvariantCulture, out var message))
            {
                return new SendOutcome(SendStatus.Failed, "not a Telegram message id");
            }
            var part = TelegramRenderer.Render(reply)[0];
            try
            {
                return await DeliverAsync(id, Traffic.Reply, async c =>
                    (await bot.EditMessageText(id, message, part.Html, ParseMode.Html, replyMarkup: part.Keyboard,
                        linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, cancellationToken: c).ConfigureAwait(false)).MessageId, ct).ConfigureAwait(false);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 400 && ex.Message.Contains("not modified", StringComparison.OrdinalIgnoreCase))
            {
                return new SendOutcome(SendStatus.Sent, null, messageId);
            }
        }, cancellationToken);

    private async Task<SendOutcome> SendAsync(long chatId, Reply reply, Traffic traffic, CancellationToken cancellationToken)
    {
        var parts = TelegramRenderer.Render(reply).ToList();
        SendOutcome outcome = SendOutcome.Sent;
        if (reply.Image is { } image)
        {
            // The text rides as the caption when it fits in one; otherwise the picture goes first, then the text.
            var caption = parts.Count == 1 && parts[0].Html.Length <= CaptionLimit ? parts[0] : null;
            outcome = await DeliverAsync(chatId, traffic, ct => SendImageAsync(chatId, image, caption, ct), cancellationToken).ConfigureAwait(false);
            if (caption is not null)
            {
                parts.Clear();
            }
        }
        foreach (var part in parts)
        {
            if (outcome.Status != SendStatus.Sent)
            {
                return outcome;
            }
            outcome = await DeliverAsync(chatId, traffic, async ct => (await bot.SendMessage(chatId, part.Html, ParseMode.Html, replyMarkup: part.Keyboard,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, cancellationToken: ct).ConfigureAwait(false)).MessageId, cancellationToken).ConfigureAwait(false);
        }
        if (reply.File is { } file && outcome.Status == SendStatus.Sent)
        {
            outcome = await DeliverAsync(chatId, traffic, async ct => (await bot.SendDocument(chatId, InputFile.FromStream(new MemoryStream(file.Content, writable: false), file.Name),
                cancellationToken: ct).ConfigureAwait(false)).MessageId, cancellationToken).ConfigureAwait(false);
        }
        return outcome;
    }

    private async Task<int> SendImageAsync(long chatId, byte[] image, TelegramRenderer.Part? caption, CancellationToken cancellationToken)
    {
        if (KnownFileId(image) is { } fileId)
        {
            return (await SendPhotoAsync(chatId, InputFile.FromFileId(fileId), caption, cancellationToken).ConfigureAwait(false)).MessageId;
        }
        // Sends in flight at once wait for the first upload of a picture, then reuse its file_id.
        await _upload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (KnownFileId(image) is { } uploaded)
            {
                return (await SendPhotoAsync(chatId, InputFile.FromFileId(uploaded), caption, cancellationToken).ConfigureAwait(false)).MessageId;
            }
            var sent = await SendPhotoAsync(chatId, InputFile.FromStream(new MemoryStream(image, writable: false), "siaran.jpg"), caption, cancellationToken).ConfigureAwait(false);
            if (sent.Photo is { Length: > 0 } sizes)
            {
                _lastImage = new UploadedImage(image, sizes.MaxBy(p => (long)p.Width * p.Height)!.FileId);
            }
            return sent.MessageId;
        }
        finally
        {
            _upload.Release();
        }
    }

    private string? KnownFileId(byte[] image) => _lastImage is { } last && ReferenceEquals(last.Content, image) ? last.FileId : null;

    private Task<Message> SendPhotoAsync(long chatId, InputFile photo, TelegramRenderer.Part? caption, CancellationToken cancellationToken) =>
        bot.SendPhoto(chatId, photo, caption?.Html, ParseMode.Html, replyMarkup: caption?.Keyboard, cancellationToken: cancellationToken);

    /// <summary>Turns the expected failures of a send into an outcome with its reason (for the delivery report).</summary>
    private async Task<SendOutcome> Guarded(string chatId, Func<long, CancellationToken, Task<SendOutcome>> send, CancellationToken cancellationToken)
    {
        if (!long.TryParse(chatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            return new SendOutcome(SendStatus.Failed, "not a Telegram chat id");
        }
        try
        {
            return await send(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            metrics.ChannelError(UpdateMapper.Channel, ex is ApiRequestException { ErrorCode: 429 } ? "429" : ex is ApiRequestException { ErrorCode: >= 500 } or HttpRequestException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError } ? "5xx" : "other");
            return new SendOutcome(SendStatus.Failed, ex is ApiRequestException api ? $"{api.ErrorCode} {api.Message}" : ex.GetType().Name);
        }
    }

    private async Task<SendOutcome> DeliverAsync(long chatId, Traffic traffic, Func<CancellationToken, Task<int>> send, CancellationToken cancellationToken)
    {
        var chat = chatId.ToString(CultureInfo.InvariantCulture);
        for (var attempt = 1; ; attempt++)
        {
            await _pacer.WaitAsync(chat, traffic, cancellationToken).ConfigureAwait(false);
            try
            {
                var messageId = await send(cancellationToken).ConfigureAwait(false);
                return new SendOutcome(SendStatus.Sent, null, messageId.ToString(CultureInfo.InvariantCulture));
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 403)
            {
                metrics.ChannelError(Channel, "403");
                return new SendOutcome(SendStatus.Blocked, "blocked by the user");
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429 && attempt < MaxAttempts)
            {
                metrics.ChannelError(Channel, "429");
                var wait = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
                LogTooManyRequests(wait.TotalSeconds);
                await Task.Delay(wait < LongestWait ? wait : LongestWait, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _upload.Dispose();
        return _pacer.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: too many requests; this chat waits {Seconds} s")]
    private partial void LogTooManyRequests(double seconds);
}
