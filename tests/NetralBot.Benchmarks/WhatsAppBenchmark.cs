using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using NetralBot.Storage;

/// <summary>
/// WhatsApp end to end: `netralbot run` as its own process (SQLite) against a Cloud API double in this process.
/// 1. Webhook deliveries handled per second: signed deliveries posted by several concurrent "phones", each waiting
///    for the bot's reply request to reach the double; p50/p99 from the POST to that reply request.
/// 2. The broadcast rate against WhatsApp:MessagesPerSecond over 60 s (subscribers inside the 24-hour window).
/// </summary>
public static partial class WhatsAppBenchmark
{
    private const string PhoneNumberId = "106540352242922";
    private const string AccessToken = "EAAG-bench-token";
    private const string AppSecret = "bench-app-secret-0123456789abcdef";

    private static readonly string[] Questions =
    [
        "min asn boleh ngelike postingan caleg ga?", "boleh foto sama paslon pas kondangan?", "istri sy nyaleg, boleh bantu pasang baliho?",
        "boleh dateng kampanye pas cuti?", "honorer boleh jadi timses?", "pns boleh ikut grup wa pemenangan?", "boleh pose dua jari?",
        "atasan nyuruh pilih paslon 2 gimana?", "boleh terima amplop dari caleg?", "boleh pakai mobil dinas buat kampanye?",
    ];

    public static async Task RunAsync(double seconds, int phones, int broadcastSeconds, int messagesPerSecond)
    {
        await using var api = await CloudApi.StartAsync();
        await MeasureWebhookAsync(api, seconds, phones);
        await MeasureBroadcastAsync(api, broadcastSeconds, messagesPerSecond);
    }

    private static async Task MeasureWebhookAsync(CloudApi api, double seconds, int phones)
    {
        var folder = NewFolder();
        var baseUrl = $"http://127.0.0.1:{BotProcess.FreePort()}";
        // Replies are not the limit here: the number's rate and the per-chat pace are lifted.
        using var bot = StartBot(folder, baseUrl, api.Url, ("WhatsApp__MessagesPerSecond", "100000"), ("WhatsApp__PerChatMessagesPerSecond", "1000"), ("WhatsApp__PerChatBurst", "1000"));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(baseUrl) };
        await BotProcess.WaitReadyAsync(http);
        Console.WriteLine($"whatsapp: bot process {bot.Id} on {baseUrl}, Cloud API double on {api.Url}");
        await RunPhonesAsync(api, [http], 1, 2, print: false); // warm-up
        foreach (var n in new[] { 1, phones })
        {
            await RunPhonesAsync(api, [http], n, seconds, print: true);
        }
        Console.WriteLine($"  bot RSS after the runs: {BotProcess.RssMiB(bot):F0} MiB");
        bot.Kill(entireProcessTree: true);
        await bot.WaitForExitAsync();
    }

    private static long _nextMessage;

    /// <summary>Phones posting deliveries for <paramref name="seconds"/>, each to the next of <paramref name="workers"/> in turn
    /// (as a load balancer would); returns the deliveries handled per second.</summary>
    private static async Task<double> RunPhonesAsync(CloudApi api, HttpClient[] workers, int phones, double seconds, bool print)
    {
        var latencies = new List<double>();
        var gate = new Lock();
        var stop = DateTime.UtcNow.AddSeconds(seconds);
        var clock = Stopwatch.StartNew();
        var acknowledged = new List<double>();
        await Task.WhenAll(Enumerable.Range(0, phones).Select(async p =>
        {
            var i = p;
            while (DateTime.UtcNow < stop)
            {
                // A new sender each time: its first reply is the one awaited (one chat's replies stay in order anyway).
                var n = Interlocked.Increment(ref _nextMessage);
                var waId = (6289000000000L + n).ToString(CultureInfo.InvariantCulture);
                var replied = api.Expect(waId);
                var body = Encoding.UTF8.GetBytes(Delivery(waId, "wamid.BENCH" + n, Questions[i++ % Questions.Length]));
                using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), body)));
                var t0 = Stopwatch.GetTimestamp();
                using (var response = await workers[n % workers.Length].SendAsync(request))
                {
                    response.EnsureSuccessStatusCode();
                }
                var ack = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                await replied.WaitAsync(TimeSpan.FromSeconds(30));
                var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                lock (gate)
                {
                    latencies.Add(ms);
                    acknowledged.Add(ack);
                }
            }
        }));
        var perSecond = latencies.Count / clock.Elapsed.TotalSeconds;
        if (!print)
        {
            return perSecond;
        }
        latencies.Sort();
        acknowledged.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {phones,3} phone(s): {latencies.Count / clock.Elapsed.TotalSeconds:N0} deliveries/s handled end to end; POST → reply request p50 {BotProcess.Percentile(latencies, 0.5):F1} ms, p99 {BotProcess.Percentile(latencies, 0.99):F1} ms; webhook 200 p50 {BotProcess.Percentile(acknowledged, 0.5):F1} ms, p99 {BotProcess.Percentile(acknowledged, 0.99):F1} ms"));
        return perSecond;
    }

    private static async Task MeasureBroadcastAsync(CloudApi api, int seconds, int messagesPerSecond)
    {
        var folder = NewFolder();
        var subscribers = messagesPerSecond * seconds * 3 / 2; // still sending when the window ends
        var time = TimeProvider.System;
        var database = Database.Create(StorageProvider.Sqlite, $"Data Source={Path.Combine(folder, "bot.db")}");
        database.Initialize(time);
        NetralBot.Storage.Tests.Seed.WhatsAppSubscribers(database, subscribers, 6287000000000L, time);
        new Broadcasts(database, time).Create("Pengingat: jaga netralitas selama masa kampanye.", "bench");
        SqliteConnection.ClearAllPools();

        var baseUrl = $"http://127.0.0.1:{BotProcess.FreePort()}";
        api.Reset();
        using var bot = StartBot(folder, baseUrl, api.Url, ("WhatsApp__MessagesPerSecond", messagesPerSecond.ToString(CultureInfo.InvariantCulture)));
        var (count, perSecond) = await MeasureSendRateAsync(api, seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"broadcast: {count:N0} messages in {seconds} s = {count / (double)seconds:F1}/s with WhatsApp:MessagesPerSecond {messagesPerSecond} ({subscribers:N0} subscribers inside the window); per second min {perSecond.Min()}, max {perSecond.Max()}"));
        bot.Kill(entireProcessTree: true);
        await bot.WaitForExitAsync();
    }

    /// <summary>Messages reaching the Cloud API in <paramref name="seconds"/> from the first one on, and how many in each second.</summary>
    private static async Task<(int Count, List<int> PerSecond)> MeasureSendRateAsync(CloudApi api, int seconds)
    {
        var clock = Stopwatch.StartNew();
        while (api.Sends.IsEmpty && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }
        var start = api.Sends.Min();
        await Task.Delay(TimeSpan.FromSeconds(seconds + 1));
        var window = api.Sends.Where(t => t >= start && t < start + TimeSpan.FromSeconds(seconds).Ticks).ToList();
        return (window.Count, window.GroupBy(t => (t - start) / TimeSpan.TicksPerSecond).Select(g => g.Count()).ToList());
    }

    private static string Delivery(string waId, string messageId, string text) => new JsonObject
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
                    ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Bench" }, ["wa_id"] = waId }),
                    ["messages"] = new JsonArray(new JsonObject
                    {
                        ["from"] = waId, ["id"] = messageId, ["timestamp"] = "1764390000", ["type"] = "text",
                        ["text"] = new JsonObject { ["body"] = text },
                    }),
                },
            }),
        }),
    }.ToJsonString();

    /// <summary>The Graph API's messages endpoint, as small as a benchmark needs: answers at once, notes when and to whom.</summary>
    internal sealed class CloudApi : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new();
        private long _id;

        private CloudApi(WebApplication app, string url)
        {
            _app = app;
            Url = url;
        }

        public string Url { get; }

        /// <summary>When each message arrived (Stopwatch ticks as DateTime ticks: only differences are used).</summary>
        public ConcurrentBag<long> Sends { get; private set; } = [];

        public Task Expect(string waId) => _waiting.GetOrAdd(waId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Reset() => Sends = [];

        public static async Task<CloudApi> StartAsync()
        {
            var url = $"http://127.0.0.1:{BotProcess.FreePort()}";
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(url);
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var api = new CloudApi(app, url);
            app.MapPost("/{phone}/messages", async (HttpContext context) =>
            {
                api.Sends.Add(DateTime.UtcNow.Ticks);
                var body = (await JsonNode.ParseAsync(context.Request.Body))!;
                var to = (string)body["to"]!;
                if (api._waiting.TryRemove(to, out var waiting))
                {
                    waiting.TrySetResult();
                }
                return Results.Json(new JsonObject
                {
                    ["messaging_product"] = "whatsapp",
                    ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to }),
                    ["messages"] = new JsonArray(new JsonObject { ["id"] = "wamid.B" + Interlocked.Increment(ref api._id) }),
                });
            });
            await app.StartAsync();
            return api;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    internal static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "netralbot-wa-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    internal static Process StartBot(string folder, string baseUrl, string apiUrl, params (string Name, string Value)[] extra) =>
        BotProcess.Start(folder, baseUrl,
        [
            ("WhatsApp__PhoneNumberId", PhoneNumberId), ("WhatsApp__AccessToken", AccessToken), ("WhatsApp__AppSecret", AppSecret),
            ("WhatsApp__VerifyToken", "bench-verify"), ("WhatsApp__ApiBaseUrl", apiUrl), ("WebChat__Enabled", "false"), .. extra,
        ]);
}
