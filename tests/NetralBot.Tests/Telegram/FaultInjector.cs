using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace NetralBot.Tests.Telegram;

/// <summary>
/// Test-only: makes the Bot API fail the way the emulator cannot (403 blocked, 429 with retry_after, 5xx) for
/// sendMessage calls to a chosen chat, a given number of times. Sits between the bot's client and the emulator.
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
        if (request.RequestUri!.AbsolutePath.EndsWith("/sendMessage", StringComparison.Ordinal) && request.Content is not null)
        {
            var body = await request.Content.ReadAsStringAsync(cancellationToken);
            if (JsonNode.Parse(body)?["chat_id"]?.GetValue<long>() is { } chatId && Faults.TryGetValue(chatId, out var fault) && fault.Times > 0)
            {
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
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
