using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Conversations;
using NetralBot.Storage;

namespace NetralBot.WhatsApp;

/// <summary>
/// GET and POST /webhooks/whatsapp on the one HTTP host. GET is Meta's subscription check (hub.verify_token compared in
/// constant time). POST is verified first, over the raw bytes as they arrived (X-Hub-Signature-256, HMAC-SHA256 with
/// the app secret, constant time), then parsed; each new message is written to the <see cref="Inbox"/> under its
/// sender's conversation (answered in order, conversations in parallel, by any worker) and only then is the request
/// answered 200: a crash after that loses nothing, and when the database cannot take it Meta gets a 503 and delivers
/// again. A message id seen within Meta's retry window is skipped, also after a restart (keyed hashes only). Statuses
/// update broadcast delivery. An image or document is fetched when its turn comes (<see cref="WhatsAppMedia"/>).
/// </summary>
public sealed partial class WhatsAppWebhook(
    IOptions<WhatsAppOptions> options,
    Inbox inbox,
    InboxSignal signal,
    ConversationKeys keys,
    InboundPipeline pipeline,
    WhatsAppIds ids,
    WhatsAppMedia media,
    WhatsAppStatuses statuses,
    ServiceWindows windows,
    ILogger<WhatsAppWebhook> logger) : IInboxHandler
{
    public const string Path = "/webhooks/whatsapp";
    public const string SignatureHeader = "X-Hub-Signature-256";
    private const int MaxBody = 1024 * 1024; // Meta's deliveries are a few KiB; media come by id, not inline
    private readonly byte[] _appSecret = Encoding.UTF8.GetBytes(options.Value.AppSecret ?? "");
    private readonly byte[] _verifyToken = Encoding.UTF8.GetBytes(options.Value.VerifyToken ?? "");

    /// <summary>Adds both routes to the HTTP host.</summary>
    public static void Map(IEndpointRouteBuilder app, WhatsAppWebhook webhook)
    {
        app.MapGet(Path, (Func<HttpContext, IResult>)webhook.Verify);
        app.MapPost(Path, (Func<HttpContext, Task<IResult>>)webhook.ReceiveAsync);
    }

    private IResult Verify(HttpContext context)
    {
        var query = context.Request.Query;
        var token = Encoding.UTF8.GetBytes(query["hub.verify_token"].ToString());
        if (query["hub.mode"] != "subscribe" || _verifyToken.Length == 0 || !CryptographicOperations.FixedTimeEquals(token, _verifyToken))
        {
            LogVerifyRefused();
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        return Results.Text(query["hub.challenge"].ToString(), "text/plain");
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var header = context.Request.Headers[SignatureHeader].ToString();
        if (!header.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            LogRefused();
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        if (!SignatureMatches(header["sha256=".Length..].Trim(), body))
        {
            LogRefused();
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        WhatsAppMapper.Delivery delivery;
        try
        {
            using var json = JsonDocument.Parse(body);
            delivery = WhatsAppMapper.Read(json.RootElement);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        try
        {
            foreach (var incoming in delivery.Messages)
            {
                var stored = JsonSerializer.SerializeToUtf8Bytes(new Stored(incoming.Message, incoming.Media), StoredJson);
                // false: Meta delivered it again
                inbox.Add(WhatsAppMapper.Channel, ids.SeenKey(incoming.MessageId), WhatsAppIds.RetryWindow, keys.For(WhatsAppMapper.Channel, incoming.Message.ChatId), stored);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotKept(ex);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable); // Meta delivers it again later
        }
        if (delivery.Messages.Count > 0)
        {
            signal.Raise();
        }
        if (delivery.Statuses.Count > 0)
        {
            statuses.Apply(delivery.Statuses);
        }
        return Results.Ok();
    }

    string IInboxHandler.Channel => WhatsAppMapper.Channel;

    /// <summary>Answers one kept message; the file, if any, is fetched now.</summary>
    public async Task HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var stored = JsonSerializer.Deserialize<Stored>(payload, StoredJson) ?? throw new JsonException("an empty inbox message");
        var fetch = stored.Media is { } file ? ct => media.FetchAsync(file, ct) : (Func<CancellationToken, Task<Core.Conversations.Attachment>>?)null;
        await pipeline.HandleAsync(new ChannelMessage(stored.Message, fetch), cancellationToken).ConfigureAwait(false);
        windows.RecordInbound(WhatsAppMapper.Channel, stored.Message.ChatId); // after the step: a new subscriber's row exists
    }

    /// <summary>What the inbox keeps of a message: no WhatsApp message id (it encodes the phone number).</summary>
    private sealed record Stored(Core.Conversations.InboundMessage Message, WhatsAppMapper.Media? Media);

    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);

    /// <summary>Hex compared as bytes: any letter case is accepted, and a malformed header simply does not match.</summary>
    private bool SignatureMatches(string hex, byte[] body)
    {
        var expected = HMACSHA256.HashData(_appSecret, body);
        if (hex.Length != expected.Length * 2 || _appSecret.Length == 0)
        {
            return false;
        }
        byte[] given;
        try
        {
            given = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBody)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBody)
            {
                return null;
            }
        }
        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "WhatsApp: a delivery could not be kept (database); answered 503 so that Meta delivers it again")]
    private partial void LogNotKept(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp: a webhook delivery without a valid signature was refused")]
    private partial void LogRefused();

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp: a webhook verification with a wrong token or mode was refused")]
    private partial void LogVerifyRefused();
}
