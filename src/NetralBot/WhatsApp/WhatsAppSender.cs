using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Channels;
using NetralBot.Core.Conversations;
using NetralBot.Http;
using NetralBot.Storage;

namespace NetralBot.WhatsApp;

/// <summary>
/// Sends to a WhatsApp user through the Cloud API: POST {ApiBaseUrl}/{PhoneNumberId}/messages with the bearer token,
/// each rendered part paced by the <see cref="OutboundPacer"/> (replies first). Broadcasts respect the 24-hour
/// customer-service window: inside it normal text, outside it the approved template (or "not sent" without one).
/// The Graph API answers errors as HTTP 400 with error.code, and the code decides: 130429/131056 (rate) wait and try
/// again, 131047 (outside the window) falls back to the template (also when it comes later as a status: see
/// <see cref="WhatsAppStatuses"/>), 131026/131050 and the 470s stop broadcasts to the
/// person, 190 (token) is logged once and marks the channel not ready; 5xx and timeouts are retried by the
/// HttpClient's resilience handler. A sent message's id (wamid…, which encodes the number) never leaves this class:
/// only its keyed hash does. A broadcast's picture is uploaded once and sent as an image message; files are not sent.
/// </summary>
public sealed partial class WhatsAppSender(
    IHttpClientFactory clients,
    IOptions<WhatsAppOptions> options,
    ServiceWindows windows,
    WhatsAppIds ids,
    ChannelReadiness readiness,
    Dialogs.DialogsProvider dialogs,
    IOptions<Hosting.BotOptions> bot,
    Hosting.WorkerPresence presence,
    ILogger<WhatsAppSender> logger) : IMessageSender, IAsyncDisposable
{
    public const string HttpClientName = "whatsapp";
    public const string OutsideWindow = "not sent: outside 24-hour window";

    /// <summary>How often a rate-limited message is tried again, waiting 1, 2, 4 … seconds.</summary>
    private const int RateRetries = 3;

    private readonly OutboundPacer _pacer = new(options.Value.Pace, () => presence.Workers);
    private readonly Uri _messages = new($"{options.Value.ApiBaseUrl.TrimEnd('/')}/{options.Value.PhoneNumberId}/messages");
    private readonly Uri _media = new($"{options.Value.ApiBaseUrl.TrimEnd('/')}/{options.Value.PhoneNumberId}/media");
    private int _tokenRefused;

    /// <summary>The first wait after a rate error (tests shorten it).</summary>
    internal static TimeSpan RateBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public string Channel => WhatsAppMapper.Channel;

    public async Task<SendOutcome> SendAsync(string chatId, Reply reply, Traffic traffic, CancellationToken cancellationToken)
    {
        if (traffic == Traffic.Bulk && !windows.IsOpen(Channel, chatId))
        {
            return await SendTemplateAsync(chatId, reply, cancellationToken).ConfigureAwait(false);
        }
        var outcome = SendOutcome.Sent;
        var first = true;
        foreach (var part in await PartsAsync(reply, cancellationToken).ConfigureAwait(false))
        {
            await _pacer.WaitAsync(chatId, traffic, cancellationToken).ConfigureAwait(false);
            var (sent, code) = await PostAsync(chatId, part, cancellationToken).ConfigureAwait(false);
            if (code == ErrorCodes.OutsideWindow && traffic == Traffic.Bulk && first)
            {
                return await SendTemplateAsync(chatId, reply, cancellationToken).ConfigureAwait(false);
            }
            if (sent.Status != SendStatus.Sent)
            {
                return sent;
            }
            outcome = sent;
            first = false;
        }
        return outcome;
    }

    /// <summary>
    /// The rendered messages; a picture (a broadcast's) goes first as an image message, with the text as its caption
    /// when that fits (≤ 1,024 characters, no buttons), else followed by the text. The picture is uploaded once per
    /// broadcast (the same array), not once per subscriber. Files (an admin's export, evidence) are never uploaded to
    /// Meta: they hold decrypted tip data.
    /// </summary>
    private async Task<IReadOnlyList<JsonObject>> PartsAsync(Reply reply, CancellationToken cancellationToken)
    {
        if (reply.File is not null)
        {
            var language = Core.Knowledge.LanguageCodes.Parse(bot.Value.DefaultLanguage) ?? Core.Knowledge.Language.Indonesian;
            reply = reply with { File = null, Text = reply.Text + "\n\n" + dialogs.Current.Texts.Get(language, Core.Knowledge.TextKey.FileNotOnWhatsApp) };
        }
        if (reply.Image is not { } image)
        {
            return WhatsAppRenderer.Render(reply);
        }
        var mediaId = await UploadAsync(image, cancellationToken).ConfigureAwait(false);
        if (mediaId is null)
        {
            return WhatsAppRenderer.Render(reply); // the text still goes
        }
        var caption = WhatsAppRenderer.ToWhatsApp(reply.Text);
        var fits = caption.Length <= WhatsAppRenderer.BodyLimit && reply.Buttons.Count == 0;
        var picture = new JsonObject { ["type"] = "image", ["image"] = new JsonObject { ["id"] = mediaId } };
        if (fits && caption.Length > 0)
        {
            picture["image"]!["caption"] = caption;
        }
        return fits ? [picture] : [picture, .. WhatsAppRenderer.Render(reply with { Image = null })];
    }

    private volatile Uploaded? _lastUpload;

    private sealed record Uploaded(byte[] Content, string MediaId);

    /// <summary>POST {ApiBaseUrl}/{PhoneNumberId}/media (multipart); the media id, or null when the upload failed.</summary>
    private async Task<string?> UploadAsync(byte[] image, CancellationToken cancellationToken)
    {
        if (_lastUpload is { } last && ReferenceEquals(last.Content, image))
        {
            return last.MediaId;
        }
        await _uploadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_lastUpload is { } again && ReferenceEquals(again.Content, image))
            {
                return again.MediaId;
            }
            using var form = new MultipartFormDataContent
            {
                { new StringContent("whatsapp"), "messaging_product" },
                { new StringContent("image/jpeg"), "type" },
            };
            var file = new ByteArrayContent(image);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "file", "siaran.jpg");
            using var request = new HttpRequestMessage(HttpMethod.Post, _media) { Content = form };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.AccessToken);
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || body?["id"]?.GetValue<string>() is not { } id)
            {
                LogFailed(string.Create(CultureInfo.InvariantCulture, $"picture upload: HTTP {(int)response.StatusCode}"));
                return null;
            }
            _lastUpload = new Uploaded(image, id);
            return id;
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(ex);
            return null;
        }
        finally
        {
            _uploadGate.Release();
        }
    }

    private readonly SemaphoreSlim _uploadGate = new(1, 1);

    /// <summary>
    /// WhatsApp cannot change a sent message, and a new message for every step of a broadcast's progress would flood
    /// the admin's chat: the update is skipped (the admin saw the first progress message and gets the delivery report).
    /// </summary>
    public Task<SendOutcome> EditAsync(string chatId, string messageId, Reply reply, CancellationToken cancellationToken) =>
        Task.FromResult(new SendOutcome(SendStatus.Sent, null, messageId));

    private async Task<SendOutcome> SendTemplateAsync(string chatId, Reply reply, CancellationToken cancellationToken)
    {
        var template = options.Value.BroadcastTemplate;
        if (!template.Configured)
        {
            return new SendOutcome(SendStatus.NotSent, OutsideWindow);
        }
        await _pacer.WaitAsync(chatId, Traffic.Bulk, cancellationToken).ConfigureAwait(false);
        var (sent, code) = await PostAsync(chatId, WhatsAppTemplate.Message(template, reply.Text), cancellationToken).ConfigureAwait(false);
        return code == ErrorCodes.OutsideWindow ? new SendOutcome(SendStatus.NotSent, OutsideWindow) : sent;
    }

    private async Task<(SendOutcome Outcome, int? Code)> PostAsync(string chatId, JsonObject part, CancellationToken cancellationToken)
    {
        part["messaging_product"] = "whatsapp";
        part["recipient_type"] = "individual";
        part["to"] = chatId;
        var json = part.ToJsonString();
        for (var attempt = 0; ; attempt++)
        {
            var (outcome, code) = await PostOnceAsync(json, cancellationToken).ConfigureAwait(false);
            if (code is not (ErrorCodes.Throughput or ErrorCodes.PairRate) || attempt >= RateRetries)
            {
                return (outcome, code);
            }
            LogRateLimited(code.Value);
            await Task.Delay(RateBackoff * (1 << attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(SendOutcome Outcome, int? Code)> PostOnceAsync(string json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _messages) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.AccessToken);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                if (Interlocked.Exchange(ref _tokenRefused, 0) == 1)
                {
                    readiness.Started(Channel);
                }
                var key = body?["messages"]?[0]?["id"]?.GetValue<string>() is { } wamid ? ids.StatusKey(wamid) : null;
                return (new SendOutcome(SendStatus.Sent, null, key, key), null);
            }
            var code = body?["error"]?["code"]?.GetValueKind() == JsonValueKind.Number ? body["error"]!["code"]!.GetValue<int>() : (int?)null;
            return (Failure((int)response.StatusCode, code), code);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(ex);
            return (new SendOutcome(SendStatus.Failed, "network error"), null);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(ex);
            return (new SendOutcome(SendStatus.Failed, "timeout"), null);
        }
    }

    private SendOutcome Failure(int status, int? code)
    {
        var reason = code switch
        {
            ErrorCodes.Undeliverable => "undeliverable (WhatsApp error 131026)",
            ErrorCodes.StoppedMarketing => "the person stopped marketing messages (WhatsApp error 131050)",
            ErrorCodes.OutsideWindow => OutsideWindow + " (WhatsApp error 131047)",
            ErrorCodes.AccessToken => "access token refused (WhatsApp error 190)",
            { } c => string.Create(CultureInfo.InvariantCulture, $"HTTP {status}, WhatsApp error {c}"),
            null => string.Create(CultureInfo.InvariantCulture, $"HTTP {status}"),
        };
        if (code == ErrorCodes.AccessToken)
        {
            if (Interlocked.Exchange(ref _tokenRefused, 1) == 0)
            {
                readiness.Failed(Channel);
                LogTokenRefused();
            }
            return new SendOutcome(SendStatus.Failed, reason);
        }
        if (ErrorCodes.Unsubscribes(code))
        {
            return new SendOutcome(SendStatus.Blocked, reason);
        }
        LogFailed(reason);
        return new SendOutcome(SendStatus.Failed, reason);
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => _pacer.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp: a message was not accepted ({Reason})")]
    private partial void LogFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp: the Cloud API could not be reached")]
    private partial void LogUnreachable(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "WhatsApp: rate limit (error {Code}); waiting before trying again")]
    private partial void LogRateLimited(int code);

    [LoggerMessage(Level = LogLevel.Critical, Message = "WhatsApp: the access token was refused (error 190: expired or revoked). Nothing can be sent until WhatsApp:AccessToken is replaced; /readyz reports the channel not ready.")]
    private partial void LogTokenRefused();
}

/// <summary>The Graph API error codes the WhatsApp channel acts on.</summary>
public static class ErrorCodes
{
    public const int AccessToken = 190;
    public const int Throughput = 130429;
    public const int PairRate = 131056;
    public const int OutsideWindow = 131047;
    public const int Undeliverable = 131026;
    public const int StoppedMarketing = 131050;

    /// <summary>Codes after which the person gets no more broadcasts (the reason goes into the delivery report).</summary>
    public static bool Unsubscribes(int? code) => code is Undeliverable or StoppedMarketing or >= 470 and < 480;
}
