using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetralBot.Conversations;
using NetralBot.Core.Conversations;
using NetralBot.Core.Tips;

namespace NetralBot.Web;

/// <summary>
/// The web chat's API, Direct Line 3.0 as Microsoft's clients (botframework-directlinejs, botframework-webchat) speak
/// it: start or resume a conversation, post activities and files, receive by polling or by WebSocket, refresh and
/// generate tokens. A public page needs no secret: it starts an anonymous conversation and gets a token for that
/// conversation only. Nothing about the caller (address, user agent, token) is stored or logged.
/// </summary>
public static class DirectLineEndpoints
{
    public const string CorsPolicy = "directline";
    public const string ConversationLimit = "directline-conversations";
    public const string MessageLimit = "directline-messages";
    private const int MaxActivityBytes = 64 * 1024;
    private const int MaxTextLength = 4096;
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);

    public static void MapDirectLine(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v3/directline").RequireCors(CorsPolicy);
        api.MapPost("/conversations", Start).RequireRateLimiting(ConversationLimit);
        api.MapGet("/conversations/{id}", Resume);
        api.MapPost("/conversations/{id}/activities", PostActivity).RequireRateLimiting(MessageLimit);
        api.MapGet("/conversations/{id}/activities", GetActivities);
        api.MapPost("/conversations/{id}/upload", Upload).RequireRateLimiting(MessageLimit).DisableAntiforgery();
        api.Map("/conversations/{id}/stream", Stream);
        api.MapPost("/tokens/refresh", Refresh);
        api.MapPost("/tokens/generate", Generate);
    }

    private static IResult Start(HttpContext context, DirectLineTokens tokens, WebConversations conversations, IOptions<WebChatOptions> options)
    {
        var bearer = Bearer(context);
        string id;
        if (IsAnonymous(bearer) || IsSecret(bearer, options.Value))
        {
            id = DirectLineTokens.NewConversationId();
        }
        else if (tokens.ConversationOf(bearer) is { } generated)
        {
            id = generated; // a token from tokens/generate starts its own conversation
        }
        else
        {
            return Error(StatusCodes.Status403Forbidden, "TokenOrSecretInvalid", "Token tidak berlaku. / Invalid token.");
        }
        conversations.Open(id);
        return Results.Json(Ticket(context, tokens, options.Value, id, watermark: null), DirectLineJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static IResult Resume(HttpContext context, string id, string? watermark, DirectLineTokens tokens, WebConversations conversations, IOptions<WebChatOptions> options)
    {
        if (!Authorized(context, tokens, id))
        {
            return Forbidden();
        }
        conversations.Open(id);
        return Results.Json(Ticket(context, tokens, options.Value, id, watermark), DirectLineJson.Options);
    }

    private static async Task<IResult> PostActivity(HttpContext context, string id, DirectLineTokens tokens, WebConversations conversations, ChatDispatcher dispatcher, InboundPipeline pipeline)
    {
        if (!Authorized(context, tokens, id))
        {
            return Forbidden();
        }
        Activity? activity;
        try
        {
            activity = await ReadActivityAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "Aktivitas bukan JSON yang sah. / The activity is not valid JSON.");
        }
        catch (InvalidDataException)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", "Pesan terlalu besar. / The message is too large.");
        }
        if (activity is null)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "Aktivitas kosong. / The activity is empty.");
        }
        if (activity.Text is { Length: > MaxTextLength })
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", $"Pesan terlalu panjang (paling banyak {MaxTextLength} karakter). / The message is too long.");
        }
        var echoed = conversations.Append(id, Echo(activity, null))!;
        if (ToInbound(id, activity) is { } message)
        {
            Dispatch(dispatcher, pipeline, conversations, id, echoed.Id!, message);
        }
        return Results.Json(new ResourceResponse(echoed.Id!), DirectLineJson.Options);
    }

    private static IResult GetActivities(HttpContext context, string id, string? watermark, DirectLineTokens tokens, WebConversations conversations)
    {
        if (!Authorized(context, tokens, id))
        {
            return Forbidden();
        }
        return Results.Json(conversations.After(id, ParseWatermark(watermark)), DirectLineJson.Options);
    }

    /// <summary>Files (evidence photos, PDFs) as multipart parts, with an optional "activity" part carrying text.</summary>
    private static async Task<IResult> Upload(HttpContext context, string id, DirectLineTokens tokens, WebConversations conversations, ChatDispatcher dispatcher, InboundPipeline pipeline)
    {
        if (!Authorized(context, tokens, id))
        {
            return Forbidden();
        }
        if (!context.Request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "Kirim berkas sebagai multipart/form-data. / Send files as multipart/form-data.");
        }
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", "Berkas terlalu besar atau rusak. / The file is too large or damaged.");
        }
        Activity? activity = null;
        var files = new List<Attachment>();
        foreach (var file in form.Files)
        {
            if (file.Name == "activity" || file.ContentType.StartsWith("application/vnd.microsoft.activity", StringComparison.OrdinalIgnoreCase))
            {
                await using var stream = file.OpenReadStream();
                try
                {
                    activity = await ReadActivityAsync(stream, context.RequestAborted).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is JsonException or InvalidDataException)
                {
                    return Error(StatusCodes.Status400BadRequest, "BadArgument", "Aktivitas bukan JSON yang sah. / The activity is not valid JSON.");
                }
                continue;
            }
            files.Add(await ReadFileAsync(file, context.RequestAborted).ConfigureAwait(false));
        }
        if (files.Count == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "Tidak ada berkas. / No file was sent.");
        }
        activity ??= new Activity { Type = "message" };
        var echoed = conversations.Append(id, Echo(activity, [.. files.Select(f => new ActivityAttachment(f.MimeType, null, f.FileName))]))!;
        var text = activity.Text;
        foreach (var file in files)
        {
            // One message per file, in order; a caption goes with the first.
            var message = new InboundMessage(WebChatSender.ChannelName, id, text, null, Language(activity.Locale), HasAttachment: true, Attachment: file);
            Dispatch(dispatcher, pipeline, conversations, id, echoed.Id!, message);
            text = null;
        }
        return Results.Json(new ResourceResponse(echoed.Id!), DirectLineJson.Options);
    }

    /// <summary>The WebSocket stream: the credential rides in the URL (t=…), since a browser's WebSocket sends no headers.</summary>
    private static async Task Stream(HttpContext context, string id, string? t, string? watermark, DirectLineTokens tokens, WebConversations conversations)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (tokens.ConversationOf(t ?? Bearer(context)) != id)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        conversations.Open(id);
        var frames = conversations.Subscribe(id, ParseWatermark(watermark));
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var receiving = DrainAsync(socket, closed);
        try
        {
            while (!closed.IsCancellationRequested)
            {
                string frame;
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(closed.Token))
                {
                    wait.CancelAfter(KeepAlive);
                    try
                    {
                        frame = await frames.ReadAsync(wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!closed.IsCancellationRequested)
                    {
                        frame = ""; // keep-alive, as Direct Line sends
                    }
                }
                await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, closed.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // the client went away
        }
        finally
        {
            conversations.Unsubscribe(id, frames);
            await closed.CancelAsync().ConfigureAwait(false);
            await receiving.ConfigureAwait(false);
        }
    }

    private static IResult Refresh(HttpContext context, DirectLineTokens tokens, IOptions<WebChatOptions> options)
    {
        if (tokens.ConversationOf(Bearer(context)) is not { } id)
        {
            return Forbidden();
        }
        return Results.Json(new ConversationTicket(id, tokens.Issue(id, TimeSpan.FromSeconds(options.Value.TokenSeconds)), options.Value.TokenSeconds), DirectLineJson.Options);
    }

    /// <summary>For sites that mint tokens server-side with WebChat:Secret: a token for a new conversation.</summary>
    private static IResult Generate(HttpContext context, DirectLineTokens tokens, IOptions<WebChatOptions> options)
    {
        if (!IsSecret(Bearer(context), options.Value))
        {
            return Error(StatusCodes.Status403Forbidden, "TokenOrSecretInvalid", "Rahasia tidak berlaku. / Invalid secret.");
        }
        var id = DirectLineTokens.NewConversationId();
        return Results.Json(new ConversationTicket(id, tokens.Issue(id, TimeSpan.FromSeconds(options.Value.TokenSeconds)), options.Value.TokenSeconds), DirectLineJson.Options);
    }

    /// <summary>
    /// Queues the message behind the conversation's earlier ones; the bot shows it is typing meanwhile. A step that is part
    /// of a report makes the message and its replies private: deleted once delivered, not kept until the idle sweep.
    /// </summary>
    private static void Dispatch(ChatDispatcher dispatcher, InboundPipeline pipeline, WebConversations conversations, string id, string activityId, InboundMessage message) =>
        dispatcher.Enqueue(WebChatSender.ChannelName, id, async () =>
        {
            conversations.Append(id, new Activity { Type = "typing", From = WebRenderer.Bot });
            using (conversations.BeginAnswering(id, activityId))
            {
                var inbound = new ChannelMessage(message, Stepped: outcome =>
                {
                    if (ReportSteps.IsPrivate(outcome))
                    {
                        conversations.AnswerPrivately(id);
                    }
                });
                await pipeline.HandleAsync(inbound, CancellationToken.None).ConfigureAwait(false);
            }
        });

    /// <summary>
    /// A message activity as the bot's inbound message: a tapped postBack (channelData.postBack, value) is a button
    /// press; an imBack is plain text (the dialog recognises a typed button payload or label itself). Other activity
    /// types (typing, conversationUpdate, events) need no answer. Web users are never admins: their ids are chosen by
    /// the page.
    /// </summary>
    internal static InboundMessage? ToInbound(string conversationId, Activity activity)
    {
        if (activity.Type != "message")
        {
            return null;
        }
        var value = activity.Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
        var payload = activity.IsPostBack ? value ?? activity.Text : null;
        var text = payload is null ? activity.Text : null;
        if (string.IsNullOrWhiteSpace(payload) && string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return new InboundMessage(WebChatSender.ChannelName, conversationId, text, payload, Language(activity.Locale));
    }

    private static Activity Echo(Activity activity, IReadOnlyList<ActivityAttachment>? files) => new()
    {
        Type = activity.Type,
        // Not the id the page chose for its visitor (a site minting tokens may use a staff number or an email): echoes
        // are stored with the conversation, next to the reply with a receipt code. Clients tell their own messages by
        // the role (Web Chat, botframework-directlinejs) and match them by channelData.clientActivityID.
        From = new ChannelAccount("user", null, "user"),
        Text = activity.Text,
        Locale = activity.Locale is { Length: <= 16 } locale ? locale : null,
        Value = activity.Value,
        ChannelData = activity.ChannelData,
        Attachments = files,
    };

    private static async Task<Activity?> ReadActivityAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxActivityBytes)
            {
                throw new InvalidDataException("activity too large");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.Length == 0 ? null : JsonSerializer.Deserialize<Activity>(buffer.ToArray(), DirectLineJson.Options);
    }

    /// <summary>Reads a file up to the evidence limit; a larger one passes only its size (the dialog says it is too big).</summary>
    private static async Task<Attachment> ReadFileAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file.FileName ?? "") is { Length: > 0 } n ? n : "berkas";
        var type = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType;
        if (file.Length > EvidencePolicy.MaxBytes)
        {
            return new Attachment(name, type, [], file.Length);
        }
        using var content = new MemoryStream((int)file.Length);
        await using var stream = file.OpenReadStream();
        await stream.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
        return new Attachment(name, type, content.ToArray());
    }

    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // closed
        }
        await closed.CancelAsync().ConfigureAwait(false);
    }

    private static ConversationTicket Ticket(HttpContext context, DirectLineTokens tokens, WebChatOptions options, string id, string? watermark)
    {
        var token = tokens.Issue(id, TimeSpan.FromSeconds(options.TokenSeconds));
        var scheme = context.Request.IsHttps ? "wss" : "ws";
        var stream = $"{scheme}://{context.Request.Host}{context.Request.PathBase}/v3/directline/conversations/{id}/stream?t={Uri.EscapeDataString(token)}"
            + (watermark is null ? "" : "&watermark=" + Uri.EscapeDataString(watermark));
        return new ConversationTicket(id, token, options.TokenSeconds, stream);
    }

    private static bool Authorized(HttpContext context, DirectLineTokens tokens, string id) => tokens.ConversationOf(Bearer(context)) == id;

    private static string? Bearer(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    /// <summary>No credential: no header, or what botframework-directlinejs sends when built without one.</summary>
    private static bool IsAnonymous(string? bearer) => string.IsNullOrEmpty(bearer) || bearer is "undefined" or "null";

    private static bool IsSecret(string? bearer, WebChatOptions options) =>
        !string.IsNullOrEmpty(options.Secret) && bearer is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(bearer), Encoding.UTF8.GetBytes(options.Secret));

    private static long ParseWatermark(string? watermark) =>
        long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : -1;

    private static string? Language(string? locale) => locale is { Length: >= 2 } ? locale[..2].ToLowerInvariant() : null;

    private static IResult Forbidden() => Error(StatusCodes.Status403Forbidden, "TokenOrSecretInvalid", "Token tidak berlaku atau kedaluwarsa. / The token is invalid or expired.");

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, DirectLineJson.Options, statusCode: status);
}
