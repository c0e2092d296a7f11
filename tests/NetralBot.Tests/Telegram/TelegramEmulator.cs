using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using NetralBot.Telegram;

namespace NetralBot.Tests.Telegram;

/// <summary>
/// The npm package telegram-test-api (a Bot API emulator) on loopback, plus the real bot host polling it with the
/// real Telegram.Bot client. Tests act as Telegram users through the emulator's client HTTP API.
/// </summary>
public class TelegramEmulator : IAsyncLifetime
{
    public const string Token = "123456:NETRALBOT-TEST-TOKEN";

    /// <summary>The token this emulator's bot uses (the webhook fixture has its own).</summary>
    public virtual string BotToken => Token;
    public const long AdminUserId = 424242;
    private EmulatorProcess? _emulator;
    private IHost? _bot;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string ApiUrl { get; private set; } = "";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "netralbot-telegram-tests", Guid.NewGuid().ToString("N"));

    public FakeLogCollector Logs { get; } = new();

    public T Get<T>() where T : notnull => _bot!.Services.GetRequiredService<T>();

    /// <summary>Settings a subclass adds (webhook mode).</summary>
    protected virtual Task<Dictionary<string, string?>> ExtraSettingsAsync() => Task.FromResult(new Dictionary<string, string?>());

    protected virtual bool Webhook => false;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorProcess.StartAsync();
        ApiUrl = _emulator.ApiUrl;

        Directory.CreateDirectory(Folder);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(Folder, "bot.db")}",
            ["Security:KeyFile"] = Path.Combine(Folder, "bot.key"),
            ["Tips:EvidenceFolder"] = Path.Combine(Folder, "evidence"),
            ["Telegram:BotToken"] = BotToken,
            ["Telegram:ApiBaseUrl"] = ApiUrl,
            ["Admins:Users:0"] = "telegram:" + AdminUserId,
            // Fast pacing keeps the suite quick; OutboundLimiterTests checks the real defaults.
            ["Telegram:PerChatMessagesPerSecond"] = "100",
            ["Telegram:PerChatBurst"] = "100",
            // Telegram.Bot leaves every 429 to the bot's own wait, so the fault tests exercise it.
            ["Telegram:RetryThresholdSeconds"] = "0",
        };
        foreach (var (key, value) in await ExtraSettingsAsync())
        {
            settings[key] = value;
        }
        IHostApplicationBuilder builder = Webhook ? BotHost.CreateWebBuilder(settings) : BotHost.CreateBuilder(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new FakeLoggerProvider(Logs));
        // Everything, HttpClient's request logs included, so the token/identity test would see a leak.
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Trace);
        builder.Services.AddBot(CliRunner.RepositoryDialogs, DialogFolder.Load(CliRunner.RepositoryDialogs));
        builder.Services.AddTelegram(Webhook);
        builder.Services.AddHttpClient("telegram")
            .AddHttpMessageHandler(() => new EmulatorQuirksHandler())
            .AddHttpMessageHandler(() => new FaultInjector());
        _bot = BotHost.Build(builder);
        await _bot.StartAsync();
        // The webhook is registered in the background (with retries); updates sent before that would wait for polling.
        var readiness = _bot.Services.GetRequiredService<NetralBot.Http.ChannelReadiness>();
        for (var waited = 0; readiness.NotStarted.Count > 0 || waited == 0; waited++)
        {
            Assert.True(waited < 300, "the Telegram channel did not start within 30 s");
            await Task.Delay(100);
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.StopAsync(TimeSpan.FromSeconds(10));
            _bot.Dispose();
        }
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>A user typing in a chat (private by default; a group when <paramref name="groupTitle"/> is given).</summary>
    public async Task SendAsync(long chatId, string text, long? userId = null, string? groupTitle = null)
    {
        var message = new JsonObject
        {
            ["botToken"] = BotToken,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["from"] = new JsonObject { ["id"] = userId ?? chatId, ["first_name"] = "Penguji", ["username"] = "penguji_" + (userId ?? chatId), ["is_bot"] = false, ["language_code"] = "id" },
            ["chat"] = groupTitle is null
                ? new JsonObject { ["id"] = chatId, ["first_name"] = "Penguji", ["type"] = "private" }
                : new JsonObject { ["id"] = chatId, ["title"] = groupTitle, ["type"] = "group" },
            ["text"] = text,
        };
        var route = "sendMessage";
        if (text.StartsWith('/'))
        {
            var length = text.Contains(' ', StringComparison.Ordinal) ? text.IndexOf(' ', StringComparison.Ordinal) : text.Length;
            message["entities"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = length, ["type"] = "bot_command" });
            route = "sendCommand";
        }
        (await _http.PostAsJsonAsync($"{ApiUrl}/{route}", message)).EnsureSuccessStatusCode();
    }

    /// <summary>A user sending a photo (the bytes are served by <see cref="FaultInjector"/>, as the emulator has no getFile).</summary>
    public async Task SendPhotoAsync(long chatId, byte[] content, bool downloadable = true, string? caption = null)
    {
        var fileId = "photo" + Guid.NewGuid().ToString("N");
        if (downloadable)
        {
            FaultInjector.ServeFile(fileId, content);
        }
        var message = new JsonObject
        {
            ["botToken"] = BotToken,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["from"] = new JsonObject { ["id"] = chatId, ["first_name"] = "Penguji", ["is_bot"] = false, ["language_code"] = "id" },
            ["chat"] = new JsonObject { ["id"] = chatId, ["first_name"] = "Penguji", ["type"] = "private" },
            ["photo"] = new JsonArray(new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "u" + fileId, ["width"] = 40, ["height"] = 30, ["file_size"] = content.Length }),
        };
        if (caption is not null)
        {
            message["caption"] = caption;
        }
        (await _http.PostAsJsonAsync($"{ApiUrl}/sendMessage", message)).EnsureSuccessStatusCode();
    }

    /// <summary>A user tapping an inline button under one of the bot's messages.</summary>
    public async Task TapAsync(long chatId, string callbackData)
    {
        var callback = new JsonObject
        {
            ["botToken"] = BotToken,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["from"] = new JsonObject { ["id"] = chatId, ["first_name"] = "Penguji", ["is_bot"] = false, ["language_code"] = "id" },
            ["message"] = new JsonObject
            {
                ["message_id"] = 1,
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["chat"] = new JsonObject { ["id"] = chatId, ["first_name"] = "Penguji", ["type"] = "private" },
                ["text"] = "…",
            },
            ["data"] = callbackData,
        };
        (await _http.PostAsJsonAsync($"{ApiUrl}/sendCallback", callback)).EnsureSuccessStatusCode();
    }

    /// <summary>The bot's messages to this chat (text and inline buttons), waiting until at least <paramref name="count"/> arrived.</summary>
    public async Task<List<BotMessage>> ReceiveAsync(long chatId, int count = 1, TimeSpan? timeout = null)
    {
        var received = new List<BotMessage>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            var response = await _http.PostAsJsonAsync($"{ApiUrl}/getUpdates", new { token = BotToken, chatId });
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            foreach (var update in body["result"]!.AsArray())
            {
                var message = update!["message"]!;
                var buttons = message["reply_markup"]?["inline_keyboard"]?.AsArray()
                    .SelectMany(row => row!.AsArray())
                    .Select(b => (Label: b!["text"]!.GetValue<string>(), Data: b["callback_data"]!.GetValue<string>()))
                    .ToList() ?? [];
                received.Add(new BotMessage(message["text"]?.GetValue<string>() ?? "", message["parse_mode"]?.GetValue<string>(), buttons));
            }
            if (received.Count < count)
            {
                await Task.Delay(50);
            }
        }
        return received;
    }

    /// <summary>A message the bot sent, as the emulator stored it.</summary>
    public sealed record BotMessage(string Text, string? ParseMode, List<(string Label, string Data)> Buttons);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class TelegramCollection : ICollectionFixture<TelegramEmulator>
{
    public const string Name = "Telegram emulator";
}
