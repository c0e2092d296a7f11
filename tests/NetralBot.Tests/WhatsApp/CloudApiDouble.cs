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
/// Authorization header) and answers as the Graph API does ({"messages":[{"id":"wamid…"}]}), or with an injected
/// error ({"error":{"code":130429,…}}); serves media (GET /{media-id} → a URL, GET that URL → the bytes, both only
/// with the bearer token); builds webhook deliveries and statuses shaped and signed as Meta sends them (non-ASCII
/// escaped as \uXXXX, X-Hub-Signature-256 over the raw bytes).
/// </summary>
public sealed class CloudApiDouble : IAsyncDisposable
{
    public const string PhoneNumberId = "106540352242922";
    public const string AccessToken = "EAAG-test-access-token";
    public const string AppSecret = "test-app-secret-0123456789abcdef";
    public const string VerifyToken = "test-verify-token";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Sent> _sent = new();
    private readonly ConcurrentQueue<JsonObject> _refused = new();
    private readonly ConcurrentQueue<Fault> _faults = new();
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string Mime)> _media = new();
    private int _nextId;

    /// <summary>An error the next matching send gets (HTTP status and Graph API error code).</summary>
    private sealed record Fault(int Status, int Code, string? To);

    /// <summary>One message the bot sent (<paramref name="Id"/>: the wamid the double gave it).</summary>
    public sealed record Sent(string PhoneNumberId, string Authorization, JsonObject Body, string Id = "")
    {
        public string To => (string)Body["to"]!;
        public string Type => (string)Body["type"]!;
        public string Text => Type switch
        {
            "text" => (string)Body["text"]!["body"]!,
            "template" => (string)Body["template"]!["components"]![0]!["parameters"]![0]!["text"]!,
            "image" => (string?)Body["image"]!["caption"] ?? "",
            _ => (string)Body["interactive"]!["body"]!["text"]!,
        };
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
            if (NextFault((string?)body["to"]) is { } fault)
            {
                _refused.Enqueue(body);
                return Results.Json(new JsonObject
                {
                    ["error"] = new JsonObject
                    {
                        ["message"] = $"(#{fault.Code}) injected by the test double",
                        ["type"] = fault.Code == 190 ? "OAuthException" : "OAuthException",
                        ["code"] = fault.Code,
                        ["error_data"] = new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = "injected" },
                        ["fbtrace_id"] = "Az8or2yhqkZfEZ-_4Qn_Bam",
                    },
                }, statusCode: fault.Status);
            }
            // A wamid encodes the recipient's number, as Meta's do (base64 of a string holding it).
            var id = "wamid." + Convert.ToBase64String(Encoding.UTF8.GetBytes($"15550783881_{(string?)body["to"]}_{Interlocked.Increment(ref _nextId)}"));
            _sent.Enqueue(new Sent(phone, context.Request.Headers.Authorization.ToString(), body, id));
            return Results.Json(new JsonObject
            {
                ["messaging_product"] = "whatsapp",
                ["contacts"] = new JsonArray(new JsonObject { ["input"] = (string?)body["to"], ["wa_id"] = (string?)body["to"] }),
                ["messages"] = new JsonArray(new JsonObject { ["id"] = id }),
            });
        });
        MapMedia();
        _app.MapPost("/{phone}/media", async (string phone, HttpContext context) =>
        {
            if (!Authorised(context))
            {
                return Results.StatusCode(401);
            }
            var form = await context.Request.ReadFormAsync();
            var file = form.Files["file"];
            if ((string?)form["messaging_product"] != "whatsapp" || file is null)
            {
                return Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = 100, ["message"] = "messaging_product and file are required" } }, statusCode: 400);
            }
            using var content = new MemoryStream();
            await file.CopyToAsync(content);
            var id = "upload-" + Interlocked.Increment(ref _nextId);
            _media[id] = (content.ToArray(), file.ContentType);
            _uploads.Enqueue(id);
            return Results.Json(new JsonObject { ["id"] = id });
        });
    }

    public string BaseUrl { get; }

    private readonly ConcurrentQueue<string> _uploads = new();

    /// <summary>The media ids of the pictures the bot uploaded (POST /{phone}/media).</summary>
    public IReadOnlyList<string> Uploads => [.. _uploads];

    /// <summary>The bytes of an uploaded or served file.</summary>
    public byte[] MediaBytes(string id) => _media[id].Bytes;

    /// <summary>Sends the bot refused (answered with an injected error).</summary>
    public IReadOnlyList<JsonObject> Refused => [.. _refused];

    /// <summary>The next <paramref name="times"/> sends (to <paramref name="to"/>, or to anyone) get this error.</summary>
    public void FailNext(int code, int times = 1, string? to = null, int status = 400)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(new Fault(status, code, to));
        }
    }

    private Fault? NextFault(string? to)
    {
        lock (_faults)
        {
            var all = _faults.ToList();
            var match = all.FirstOrDefault(f => f.To is null || f.To == to);
            if (match is null)
            {
                return null;
            }
            _faults.Clear();
            var removed = false;
            foreach (var f in all)
            {
                if (!removed && ReferenceEquals(f, match))
                {
                    removed = true;
                    continue;
                }
                _faults.Enqueue(f);
            }
            return match;
        }
    }

    /// <summary>Serves a file as a person's upload: GET /{id} tells its URL, the URL gives the bytes.</summary>
    public void AddMedia(string id, byte[] bytes, string mime) => _media[id] = (bytes, mime);

    /// <summary>How many media requests came without the right bearer token (should stay 0).</summary>
    public int UnauthorisedMediaRequests => _unauthorisedMedia;

    private int _unauthorisedMedia;

    private bool Authorised(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() == "Bearer " + AccessToken)
        {
            return true;
        }
        Interlocked.Increment(ref _unauthorisedMedia);
        return false;
    }

    private void MapMedia()
    {
        _app.MapGet("/media-files/{id}", (string id, HttpContext context) =>
            !Authorised(context) ? Results.StatusCode(401)
            : _media.TryGetValue(id, out var file) ? Results.Bytes(file.Bytes, file.Mime) : Results.NotFound());
        _app.MapGet("/{id}", (string id, HttpContext context) =>
            !Authorised(context) ? Results.StatusCode(401)
            : _media.TryGetValue(id, out var file)
                ? Results.Json(new JsonObject
                {
                    ["messaging_product"] = "whatsapp",
                    ["url"] = $"{BaseUrl}/media-files/{id}",
                    ["mime_type"] = file.Mime,
                    ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(file.Bytes)),
                    ["file_size"] = file.Bytes.Length,
                    ["id"] = id,
                })
                : Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = 100, ["message"] = "no such media" } }, statusCode: 400));
    }

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
    public static string Delivery(string waId, string messageId, JsonObject content) => Deliveries((waId, messageId, content));

    /// <summary>One delivery carrying several messages, from several people (one change per sender, as Meta batches).</summary>
    public static string Deliveries(params (string WaId, string MessageId, JsonObject Content)[] messages)
    {
        var changes = new JsonArray();
        foreach (var group in messages.GroupBy(m => m.WaId))
        {
            var list = new JsonArray();
            foreach (var (waId, messageId, content) in group)
            {
                var message = new JsonObject { ["from"] = waId, ["id"] = messageId, ["timestamp"] = "1764390000" };
                foreach (var (key, value) in content)
                {
                    message[key] = value?.DeepClone();
                }
                list.Add(message);
            }
            changes.Add(Change(new JsonObject
            {
                ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = ProfileName }, ["wa_id"] = group.Key }),
                ["messages"] = list,
            }));
        }
        return Envelope(changes);
    }

    /// <summary>The profile name every test sender has (it must never be stored or logged).</summary>
    public const string ProfileName = "Budi Santoso Wibowo";

    /// <summary>Statuses of messages the bot sent: (wamid, "sent"/"delivered"/"read"/"failed", recipient, error code).</summary>
    public static string Statuses(params (string MessageId, string Status, string Recipient, int? ErrorCode)[] statuses) =>
        Envelope(new JsonArray(Change(new JsonObject
        {
            ["statuses"] = new JsonArray([.. statuses.Select(s =>
            {
                var status = new JsonObject
                {
                    ["id"] = s.MessageId,
                    ["status"] = s.Status,
                    ["timestamp"] = "1764390100",
                    ["recipient_id"] = s.Recipient,
                    ["conversation"] = new JsonObject { ["id"] = "c0ffee", ["origin"] = new JsonObject { ["type"] = "utility" } },
                    ["pricing"] = new JsonObject { ["billable"] = true, ["pricing_model"] = "PMP", ["category"] = "utility" },
                };
                if (s.ErrorCode is { } code)
                {
                    status["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["title"] = "injected", ["error_data"] = new JsonObject { ["details"] = "injected" } });
                }
                return (JsonNode)status;
            })]),
        })));

    private static JsonObject Change(JsonObject value)
    {
        var full = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject { ["display_phone_number"] = "15550783881", ["phone_number_id"] = PhoneNumberId },
        };
        foreach (var (key, node) in value)
        {
            full[key] = node?.DeepClone();
        }
        return new JsonObject { ["field"] = "messages", ["value"] = full };
    }

    private static string Envelope(JsonArray changes) => new JsonObject
    {
        ["object"] = "whatsapp_business_account",
        ["entry"] = new JsonArray(new JsonObject { ["id"] = "102290129340398", ["changes"] = changes }),
    }.ToJsonString(); // System.Text.Json escapes non-ASCII as \uXXXX, as Meta does

    public static JsonObject ImageContent(string mediaId, string? caption = null)
    {
        var image = new JsonObject { ["id"] = mediaId, ["mime_type"] = "image/jpeg", ["sha256"] = "x" };
        if (caption is not null)
        {
            image["caption"] = caption;
        }
        return new JsonObject { ["type"] = "image", ["image"] = image };
    }

    public static JsonObject DocumentContent(string mediaId, string fileName, string mime) => new()
    {
        ["type"] = "document",
        ["document"] = new JsonObject { ["id"] = mediaId, ["filename"] = fileName, ["mime_type"] = mime, ["sha256"] = "x" },
    };

    public static JsonObject ListReply(string id, string title) => new()
    {
        ["type"] = "interactive",
        ["interactive"] = new JsonObject { ["type"] = "list_reply", ["list_reply"] = new JsonObject { ["id"] = id, ["title"] = title } },
    };

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
