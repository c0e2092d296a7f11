using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace NetralBot.Tests.Telegram;

/// <summary>
/// Test-only: makes the Bot API fail the way the emulator cannot (403 blocked, 429 with retry_after, 5xx) for
/// sendMessage and sendPhoto calls to a chosen chat, a given number of times, and serves what the emulator lacks
/// (getFile and downloads, setMyCommands, sendPhoto). Sits between the bot's client and the emulator.
/// </summary>
public sealed class FaultInjector : DelegatingHandler
{
    private static readonly ConcurrentDictionary<long, (HttpStatusCode Status, int RetryAfter, int Times)> Faults = new();
    private static readonly ConcurrentDictionary<long, int> Injected = new();

    public static void FailSendMessage(long chatId, HttpStatusCode status, int times, int retryAfter = 0) =>
        Faults[chatId] = (status, retryAfter, times);

    public static int InjectedFor(long chatId) => Injected.GetValueOrDefault(chatId);

    private static readonly ConcurrentDictionary<string, byte[]> Files = new();

    /// <summary>The bodies of setMyCommands calls (the emulator has no such method; answered ok here).</summary>
    public static ConcurrentQueue<string> CommandLists { get; } = new();

    /// <summary>A photo the bot sent: to whom, its caption and buttons, and whether the bytes were uploaded (else a file_id).</summary>
    public sealed record PhotoSent(long ChatId, string? Caption, bool Uploaded, List<(string Label, string Data)> Buttons);

    /// <summary>The sendPhoto calls answered here, in order.</summary>
    public static ConcurrentQueue<PhotoSent> Photos { get; } = new();

    private static int _photoMessageId = 1_000_000;

    /// <summary>Serves a file for getFile and the file download, which the emulator does not have.</summary>
    public static void ServeFile(string fileId, byte[] content) => Files[fileId] = content;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/setMyCommands", StringComparison.Ordinal) && request.Content is not null)
        {
            CommandLists.Enqueue(await request.Content.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"ok":true,"result":true}""", System.Text.Encoding.UTF8, "application/json"),
                RequestMessage = request,
            };
        }
        if (path.EndsWith("/getFile", StringComparison.Ordinal) && request.Content is not null)
        {
            var fileId = JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken))?["file_id"]?.GetValue<string>() ?? "";
            var result = Files.TryGetValue(fileId, out var bytes)
                ? new JsonObject { ["ok"] = true, ["result"] = new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "u" + fileId, ["file_size"] = bytes.Length, ["file_path"] = "files/" + fileId } }
                : new JsonObject { ["ok"] = false, ["error_code"] = 400, ["description"] = "Bad Request: invalid file_id" };
            return new HttpResponseMessage(Files.ContainsKey(fileId) ? HttpStatusCode.OK : HttpStatusCode.BadRequest)
            {
                Content = new StringContent(result.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
                RequestMessage = request,
            };
        }
        if (path.Contains("/file/bot", StringComparison.Ordinal) && Files.TryGetValue(path[(path.LastIndexOf('/') + 1)..], out var download))
        {
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(download), RequestMessage = request };
        }
        if (path.EndsWith("/sendPhoto", StringComparison.Ordinal) && request.Content is not null)
        {
            var fields = await FieldsAsync(request.Content, cancellationToken);
            var chat = long.Parse(fields["chat_id"], System.Globalization.CultureInfo.InvariantCulture);
            if (Fault(chat, request) is { } failed)
            {
                return failed;
            }
            var buttons = fields.TryGetValue("reply_markup", out var markup)
                ? JsonNode.Parse(markup)!["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray())
                    .Select(b => (b!["text"]!.GetValue<string>(), b["callback_data"]!.GetValue<string>())).ToList()
                : [];
            var uploaded = request.Content is MultipartFormDataContent multipart && multipart.Any(p => p.Headers.ContentDisposition?.FileName is not null);
            Photos.Enqueue(new PhotoSent(chat, fields.GetValueOrDefault("caption"), uploaded, buttons));
            var message = new JsonObject
            {
                ["message_id"] = Interlocked.Increment(ref _photoMessageId),
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["chat"] = new JsonObject { ["id"] = chat, ["type"] = "private" },
                ["photo"] = new JsonArray(new JsonObject { ["file_id"] = "uploaded-photo", ["file_unique_id"] = "u-uploaded-photo", ["width"] = 40, ["height"] = 30 }),
                ["caption"] = fields.GetValueOrDefault("caption"),
            };
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(new JsonObject { ["ok"] = true, ["result"] = message }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
                RequestMessage = request,
            };
        }
        if (path.EndsWith("/sendMessage", StringComparison.Ordinal) && request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await request.Content.ReadAsStringAsync(cancellationToken);
            if (JsonNode.Parse(body)?["chat_id"]?.GetValue<long>() is { } chatId && Fault(chatId, request) is { } failed)
            {
                return failed;
            }
        }
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>The injected failure for this chat, if one is due.</summary>
    private static HttpResponseMessage? Fault(long chatId, HttpRequestMessage request)
    {
        if (!Faults.TryGetValue(chatId, out var fault) || fault.Times <= 0)
        {
            return null;
        }
        Faults[chatId] = fault with { Times = fault.Times - 1 };
        Injected.AddOrUpdate(chatId, 1, (_, n) => n + 1);
        var error = new JsonObject { ["ok"] = false, ["error_code"] = (int)fault.Status, ["description"] = $"injected {(int)fault.Status}" };
        if (fault.RetryAfter > 0)
        {
            error["parameters"] = new JsonObject { ["retry_after"] = fault.RetryAfter };
        }
        return new HttpResponseMessage(fault.Status)
        {
            Content = new StringContent(error.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
    }

    /// <summary>The request's fields, from a multipart upload or a JSON body.</summary>
    private static async Task<Dictionary<string, string>> FieldsAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (content is MultipartFormDataContent multipart)
        {
            foreach (var part in multipart.Where(p => p.Headers.ContentDisposition?.FileName is null))
            {
                fields[part.Headers.ContentDisposition!.Name!.Trim('"')] = await part.ReadAsStringAsync(cancellationToken);
            }
            return fields;
        }
        await content.LoadIntoBufferAsync(cancellationToken);
        foreach (var (key, value) in JsonNode.Parse(await content.ReadAsStringAsync(cancellationToken))!.AsObject())
        {
            fields[key] = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? "";
        }
        return fields;
    }
}
