using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NetralBot.Tests.Telegram;

namespace NetralBot.Tests.WhatsApp;

/// <summary>
/// A small stand-in for the WhatsApp Cloud API on loopback: records every POST /{phone-number-id}/messages (body and
/// Authorization header) and answers as the Graph API does ({"messages":[{"id":"wamid…"}]}); builds webhook deliveries
/// shaped and signed as Meta sends them (non-ASCII escaped as \uXXXX, X-Hub-Signature-256 over the raw bytes).
/// </summary>
public sealed class CloudApiDouble : IAsyncDisposable
{
    public const string PhoneNumberId = "106540352242922";
    public const string AccessToken = "EAAG-test-access-token";
    public const string AppSecret = "test-app-secret-0123456789abcdef";
    public const string VerifyToken = "test-verify-token";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Sent> _sent = new();
    private int _nextId;

    /// <summary>One message the bot sent.</summary>
    public sealed record Sent(string PhoneNumberId, string Authorization, JsonObject Body)
    {
        public string To => (string)Body["to"]!;
        public string Type => (string)Body["type"]!;
        public string Text => Type == "text" ? (string)Body["text"]!["body"]! : (string)Body["interactive"]!["body"]!["text"]!;
        public string? InteractiveType => (string?)Body["interactive"]?["type"];

        /// <summary>The ids of its reply buttons or list rows (our payloads).</summary>
        public IReadOnlyList<string> ChoiceIds => InteractiveType switch
        {
            "button" => [.. Body["interactive"]!["action"]!["buttons"]!.AsArray().Select(b => (string)b!["reply"]!["id"]!)],
            "list" => [.. Body["interactive"]!["action"]!["sections"]!.AsArray().SelectMany(s => s!["rows"]!.AsArray()).Select(r => (string)r!["id"]!)],
            _ => [],
        };

        public IReadOnlyList<string> ChoiceTitles => InteractiveType switch
        {
            "button" => [.. Body["interactive"]!["action"]!["buttons"]!.AsArray().Select(b => (string)b!["reply"]!["title"]!)],
            "list" => [.. Body["interactive"]!["action"]!["sections"]!.AsArray().SelectMany(s => s!["rows"]!.AsArray()).Select(r => (string)r!["title"]!)],
            _ => [],
        };
    }

    public CloudApiDouble()
    {
        BaseUrl = $"http://127.0.0.1:{TelegramEmulator.FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(BaseUrl);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/{phone}/messages", async (string phone, HttpContext context) =>
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            _sent.Enqueue(new Sent(phone, context.Request.Headers.Authorization.ToString(), body));
            var id = "wamid.TEST" + Interlocked.Increment(ref _nextId);
            return Results.Json(new JsonObject
            {
                ["messaging_product"] = "whatsapp",
                ["contacts"] = new JsonArray(new JsonObject { ["input"] = (string?)body["to"], ["wa_id"] = (string?)body["to"] }),
                ["messages"] = new JsonArray(new JsonObject { ["id"] = id }),
            });
        });
    }

    public string BaseUrl { get; }

    public IReadOnlyList<Sent> SentMessages => [.. _sent];

    /// <summary>The settings that point a bot at this double.</summary>
    public Dictionary<string, string?> BotSettings() => new()
    {
        ["WhatsApp:PhoneNumberId"] = PhoneNumberId,
        ["WhatsApp:AccessToken"] = AccessToken,
        ["WhatsApp:AppSecret"] = AppSecret,
        ["WhatsApp:VerifyToken"] = VerifyToken,
        ["WhatsApp:ApiBaseUrl"] = BaseUrl,
    };

    public async Task<CloudApiDouble> StartAsync()
    {
        await _app.StartAsync();
        return this;
    }

    /// <summary>Waits until <paramref name="count"/> messages to <paramref name="waId"/> arrived after <paramref name="skip"/> earlier ones.</summary>
    public async Task<IReadOnlyList<Sent>> WaitForAsync(string waId, int skip = 0, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var mine = SentMessages.Where(s => s.To == waId).Skip(skip).ToList();
            if (mine.Count >= count)
            {
                return mine;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{mine.Count} of {count} messages to {waId} arrived");
            }
            await Task.Delay(25);
        }
    }

    /// <summary>A delivery of one message as Meta sends it.</summary>
    public static string Delivery(string waId, string messageId, JsonObject content)
    {
        var message = new JsonObject { ["from"] = waId, ["id"] = messageId, ["timestamp"] = "1764390000" };
        foreach (var (key, value) in content)
        {
            message[key] = value?.DeepClone();
        }
        var root = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "102290129340398",
                ["changes"] = new JsonArray(new JsonObject
                {
                    ["field"] = "messages",
                    ["value"] = new JsonObject
                    {
                        ["messaging_product"] = "whatsapp",
                        ["metadata"] = new JsonObject { ["display_phone_number"] = "15550783881", ["phone_number_id"] = PhoneNumberId },
                        ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Budi" }, ["wa_id"] = waId }),
                        ["messages"] = new JsonArray(message),
                    },
                }),
            }),
        };
        return root.ToJsonString(); // System.Text.Json escapes non-ASCII as \uXXXX, as Meta does
    }

    public static JsonObject TextContent(string text) => new() { ["type"] = "text", ["text"] = new JsonObject { ["body"] = text } };

    public static JsonObject ButtonReply(string id, string title) => new()
    {
        ["type"] = "interactive",
        ["interactive"] = new JsonObject { ["type"] = "button_reply", ["button_reply"] = new JsonObject { ["id"] = id, ["title"] = title } },
    };

    public static string Sign(byte[] body, string secret = AppSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Posts a delivery to the bot's webhook, signed unless <paramref name="signature"/> says otherwise ("" = no header).</summary>
    public static async Task<HttpResponseMessage> PostAsync(string botUrl, string json, string? signature = null)
    {
        using var http = new HttpClient();
        var bytes = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, botUrl + "/webhooks/whatsapp") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        signature ??= Sign(bytes);
        if (signature.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", signature);
        }
        return await http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
