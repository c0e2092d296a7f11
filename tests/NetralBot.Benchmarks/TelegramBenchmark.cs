using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using NetralBot.Telegram;
using NetralBot.Tests.Telegram;

/// <summary>
/// Updates per second through the real Telegram.Bot client and the telegram-test-api emulator on loopback, with
/// SQLite, message→reply latency from the emulator's own timestamps, and memory after many distinct chats.
/// Needs `npm ci` in tests/NetralBot.Tests/Telegram/emulator. Outgoing pacing is lifted so the figure is the bot's
/// own capacity; with Telegram's 30 messages/s the platform limit dominates.
/// </summary>
public static class TelegramBenchmark
{
    private const string Token = "777777:NETRALBOT-BENCH";

    public static async Task RunAsync(string dialogsFolder, int chats)
    {
        var emulatorFolder = Path.Combine(dialogsFolder, "..", "tests", "NetralBot.Tests", "Telegram", "emulator");
        var port = FreePort();
        using var node = Process.Start(new ProcessStartInfo("node", $"server.js {port}") { WorkingDirectory = emulatorFolder, RedirectStandardInput = true, RedirectStandardOutput = true })!;
        var api = (await node.StandardOutput.ReadLineAsync())![6..].Trim();
        var data = Path.Combine(Path.GetTempPath(), "netralbot-tg-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var builder = BotHost.CreateBuilder(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = $"Data Source={Path.Combine(data, "bench.db")}",
                ["Security:KeyFile"] = Path.Combine(data, "bench.key"),
                ["Telegram:BotToken"] = Token,
                ["Telegram:ApiBaseUrl"] = api,
                ["Telegram:MessagesPerSecond"] = "1000000",
                ["Telegram:PerChatMessagesPerSecond"] = "1000",
                ["Telegram:PerChatBurst"] = "1000",
            });
            builder.Logging.ClearProviders();
            builder.Services.AddBot(dialogsFolder, DialogFolder.Load(dialogsFolder));
            builder.Services.AddTelegram();
            builder.Services.AddHttpClient("telegram").AddHttpMessageHandler(() => new EmulatorQuirksHandler());
            using var host = builder.Build();
            await host.StartAsync();
            GC.Collect();
            var baseline = GC.GetTotalMemory(true);

            // (Posting used to end with "the response ended prematurely" in 2 of 5 runs: see the emulator's server.js.)
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            string[] texts = ["min, boleh gak sih ngelike postingan caleg?", "/menu", "boleh nyoblos kan?", "sy pns, foto bareng paslon sambil salam 2 jari gmn?"];
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(1, chats), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (chat, ct) =>
            {
                (await http.PostAsJsonAsync($"{api}/sendMessage", UserMessage(chat, texts[chat % texts.Length]), ct)).EnsureSuccessStatusCode();
            });
            var sent = clock.Elapsed;

            JsonArray history;
            while (true)
            {
                var response = await http.PostAsJsonAsync($"{api}/getUpdatesHistory", new { token = Token });
                history = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["result"]!.AsArray();
                var botReplies = history.Count(h => h!["message"]?["chat_id"] is not null);
                if (botReplies >= chats || clock.Elapsed > TimeSpan.FromMinutes(5))
                {
                    break;
                }
                await Task.Delay(200);
            }
            var elapsed = clock.Elapsed;

            var asked = new Dictionary<long, long>();
            var answered = new Dictionary<long, long>();
            foreach (var item in history)
            {
                var message = item!["message"]!;
                var time = item["time"]!.GetValue<long>();
                if (message["chat_id"] is { } botChat)
                {
                    var id = long.Parse(botChat.ToString(), System.Globalization.CultureInfo.InvariantCulture);
                    answered.TryAdd(id, time);
                }
                else if (message["chat"]?["id"] is { } userChat)
                {
                    asked.TryAdd(userChat.GetValue<long>(), time);
                }
            }
            var flooded = asked.Where(a => answered.ContainsKey(a.Key)).Select(a => (double)(answered[a.Key] - a.Value)).Order().ToList();
            Console.WriteLine($"telegram (emulator, polling, SQLite): {chats:N0} chats, one message each, all at once: {answered.Count:N0} answered in {elapsed.TotalSeconds:F1} s " +
                $"(posted in {sent.TotalSeconds:F1} s) = {answered.Count / elapsed.TotalSeconds:N0} updates/s; under that backlog message→reply p50 {Percentile(flooded, 0.5):F0} ms, p99 {Percentile(flooded, 0.99):F0} ms");
            history = [];
            asked.Clear();
            answered.Clear();
            // No forced collection: what the bot gives back by itself once it is quiet (its MemoryTrimmer).
            Console.WriteLine($"memory after {chats:N0} distinct chats (bot host in this process): {IdleMemoryBenchmark.Rss(Environment.ProcessId)}, managed heap {GC.GetTotalMemory(false) / 1048576.0:F1} MiB (after start-up: {baseline / 1048576.0:F1} MiB)");
            var allocated = GC.GetTotalAllocatedBytes();
            var fullCollections = GC.CollectionCount(2);
            foreach (var quiet in new[] { 15, 30, 60 })
            {
                await Task.Delay(TimeSpan.FromSeconds(15 * (quiet == 60 ? 2 : 1)));
                Console.WriteLine($"memory after {quiet} s of quiet: {IdleMemoryBenchmark.Rss(Environment.ProcessId)}, managed heap {GC.GetTotalMemory(false) / 1048576.0:F1} MiB " +
                    $"({(GC.GetTotalAllocatedBytes() - allocated) / 1e6:F1} MB allocated and {GC.CollectionCount(2) - fullCollections} full collection(s) since the burst)");
            }

            // Latency at a steady pace (no backlog): 300 messages at about 50 per second from new chats.
            var steady = new List<double>();
            for (var i = 0; i < 300; i++)
            {
                var chat = 10_000_000 + i;
                var t0 = Stopwatch.GetTimestamp();
                (await http.PostAsJsonAsync($"{api}/sendMessage", UserMessage(chat, texts[i % texts.Length]))).EnsureSuccessStatusCode();
                while (true)
                {
                    var reply = await http.PostAsJsonAsync($"{api}/getUpdates", new { token = Token, chatId = chat });
                    if (JsonNode.Parse(await reply.Content.ReadAsStringAsync())!["result"]!.AsArray().Count > 0)
                    {
                        break;
                    }
                    await Task.Delay(2);
                }
                steady.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                await Task.Delay(20);
            }
            steady.Sort();
            Console.WriteLine($"telegram steady pace (~50 msg/s, no backlog): message→reply p50 {Percentile(steady, 0.5):F1} ms, p99 {Percentile(steady, 0.99):F1} ms (includes the poll gap)");
            await host.StopAsync();
        }
        finally
        {
            node.StandardInput.Close();
            node.WaitForExit(5000);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    /// <summary>A private-chat message as the emulator's client API takes it.</summary>
    private static JsonObject UserMessage(long chat, string text) => new()
    {
        ["botToken"] = Token,
        ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["from"] = new JsonObject { ["id"] = chat, ["first_name"] = "B", ["is_bot"] = false },
        ["chat"] = new JsonObject { ["id"] = chat, ["first_name"] = "B", ["type"] = "private" },
        ["text"] = text,
    };

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)(p * sorted.Count), 0, sorted.Count - 1)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
