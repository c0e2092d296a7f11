using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

/// <summary>
/// The web chat over HTTP on loopback: `netralbot run` with Http:Urls as its own process (SQLite, the default
/// configuration but with the per-conversation limit lifted), driven by this process as a load generator. Measures
/// messages per second end to end (post a question, receive the answer on the conversation's WebSocket stream) with
/// several concurrent visitors, p50/p99 reply latency, the bot's memory with 10,000 open conversations, and the
/// widget's transferred size.
/// </summary>
public static class WebChatBenchmark
{
    private static readonly string[] Questions =
    [
        "min asn boleh ngelike postingan caleg ga?", "boleh foto sama paslon pas kondangan?", "istri sy nyaleg, boleh bantu pasang baliho?",
        "boleh dateng kampanye pas cuti?", "honorer boleh jadi timses?", "pns boleh ikut grup wa pemenangan?", "boleh pose dua jari?",
        "atasan nyuruh pilih paslon 2 gimana?", "boleh terima amplop dari caleg?", "boleh pakai mobil dinas buat kampanye?",
    ];

    public static async Task RunAsync(int conversations, double seconds, int visitors)
    {
        var folder = Path.Combine(Path.GetTempPath(), "netralbot-web-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var baseUrl = $"http://127.0.0.1:{BotProcess.FreePort()}";
        using var bot = BotProcess.Start(folder, baseUrl,
            ("WebChat__MessagesPerMinutePerConversation", "1000000"), ("WebChat__MessagesPerSecond", "100000"), ("WebChat__ConversationsPerSecond", "100000"));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        Console.WriteLine($"web chat: /readyz 200 after {(await BotProcess.WaitReadyAsync(http)).TotalSeconds:F1} s");
        Console.WriteLine($"web chat: bot process {bot.Id} on {baseUrl}; ready; RSS idle {BotProcess.RssMiB(bot):F0} MiB");

        // 1. Throughput and latency: each visitor its own conversation, one question at a time.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            await MeasureAsync(http, baseUrl, visitors: 1, seconds: 2, print: false); // warm-up (JIT, typo cache)
        }
        foreach (var n in new[] { 1, visitors })
        {
            await MeasureAsync(http, baseUrl, n, seconds, print: true);
        }

        // 2. Memory with many open conversations (each has asked one question and got its answer).
        var clock = Stopwatch.StartNew();
        var opened = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, conversations), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var (id, token, _) = await StartAsync(http);
            await PostAsync(http, id, token, Questions[i % Questions.Length]);
            Interlocked.Increment(ref opened);
        });
        await Task.Delay(TimeSpan.FromSeconds(3)); // let the answers be written
        Console.WriteLine($"{opened:N0} conversations opened (one question each) in {clock.Elapsed.TotalSeconds:F1} s: bot RSS {BotProcess.RssMiB(bot):F0} MiB");

        // 3. The widget a visitor downloads.
        long raw = 0, transferred = 0;
        foreach (var path in new[] { "/chat", "/chat/chat.css", "/chat/chat.js", "/widget.js" })
        {
            raw += (await http.GetByteArrayAsync(path)).Length;
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            using var response = await http.SendAsync(request);
            transferred += (await response.Content.ReadAsByteArrayAsync()).Length; // still compressed: the handler does not decompress
        }
        Console.WriteLine($"widget and page: {raw / 1024.0:F1} kB uncompressed, {transferred / 1024.0:F1} kB transferred to a browser that accepts gzip");

        bot.Kill(entireProcessTree: true);
        await bot.WaitForExitAsync();
    }

    private static async Task MeasureAsync(HttpClient http, string baseUrl, int visitors, double seconds, bool print)
    {
        var latencies = new List<double>();
        var gate = new Lock();
        var stop = DateTime.UtcNow.AddSeconds(seconds);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, visitors).Select(async v =>
        {
            var (id, token, stream) = await StartAsync(http);
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri(stream), CancellationToken.None);
            var buffer = new byte[256 * 1024];
            var i = v;
            while (DateTime.UtcNow < stop)
            {
                var t0 = Stopwatch.GetTimestamp();
                var asked = await PostAsync(http, id, token, Questions[i++ % Questions.Length]);
                while (true)
                {
                    var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    var frame = Encoding.UTF8.GetString(buffer, 0, result.Count);
                    if (frame.Contains("\"replyToId\":\"" + asked + "\"", StringComparison.Ordinal))
                    {
                        break;
                    }
                }
                var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                lock (gate)
                {
                    latencies.Add(ms);
                }
            }
        }));
        if (!print)
        {
            return;
        }
        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {visitors,3} visitor(s): {latencies.Count / clock.Elapsed.TotalSeconds:N0} messages/s answered; latency p50 {BotProcess.Percentile(latencies, 0.5):F1} ms, p99 {BotProcess.Percentile(latencies, 0.99):F1} ms"));
    }

    private static async Task<(string Id, string Token, string Stream)> StartAsync(HttpClient http)
    {
        using var response = await http.PostAsync("/v3/directline/conversations", null);
        response.EnsureSuccessStatusCode();
        var ticket = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return ((string)ticket["conversationId"]!, (string)ticket["token"]!, (string)ticket["streamUrl"]!);
    }

    private static async Task<string> PostAsync(HttpClient http, string id, string token, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities")
        {
            Content = JsonContent.Create(new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["id"] = "u" }, ["text"] = text }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }
}
