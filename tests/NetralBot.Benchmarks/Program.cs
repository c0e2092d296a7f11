using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NetralBot.Conversations;
using NetralBot.Core.Conversations;
using NetralBot.Dialogs;
using NetralBot.Hosting;

// A plain harness (not BenchmarkDotNet): the figures wanted are throughput and tail latency over a realistic
// question mix, end-to-end rates with SQLite, start-up and memory, which a loop with Stopwatch measures directly.
// Run: dotnet run -c Release --project tests/NetralBot.Benchmarks [-- --seconds 5]
var processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
var seconds = args.Length == 2 && args[0] == "--seconds" ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
if (args.Length >= 1 && args[0] == "--broadcast")
{
    // dotnet run -c Release --project tests/NetralBot.Benchmarks -- --broadcast [seconds for the 25/s run]
    await BroadcastBenchmark.RunAsync(DialogFolder.Resolve(null), args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60);
    return;
}
if (args.Length >= 1 && args[0] == "--web")
{
    // dotnet run -c Release --project tests/NetralBot.Benchmarks -- --web [conversations] [seconds] [visitors]
    await WebChatBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000,
        args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 16);
    return;
}
if (args.Length >= 1 && args[0] == "--workers")
{
    // dotnet run -c Release --project tests/NetralBot.Benchmarks -- --workers [seconds] [phones] [broadcast seconds] [messages per second]
    await WhatsAppBenchmark.RunWorkersAsync(
        args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 16,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 20,
        args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 80);
    return;
}
if (args.Length >= 1 && args[0] == "--whatsapp")
{
    // dotnet run -c Release --project tests/NetralBot.Benchmarks -- --whatsapp [seconds] [phones] [broadcast seconds] [messages per second]
    await WhatsAppBenchmark.RunAsync(
        args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 16,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 60,
        args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 80);
    return;
}
if (args.Length >= 1 && args[0] == "--telegram")
{
    // dotnet run -c Release --project tests/NetralBot.Benchmarks -- --telegram [chats]
    await TelegramBenchmark.RunAsync(DialogFolder.Resolve(null), args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
    return;
}

if (args.Length >= 1 && args[0] is "--matching" or "--e2e")
{
    // dotnet run -c Release --project tests/NetralBot.Benchmarks -- --matching|--e2e [seconds per figure]
    var dialogs = DialogFolder.Resolve(null);
    var perFigure = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
    if (args[0] == "--matching")
    {
        MatchingBenchmark.Run(dialogs, LoadQuestions(dialogs), perFigure);
    }
    else
    {
        await EndToEndBenchmark.RunAsync(dialogs, DialogFolder.Load(dialogs), LoadQuestions(dialogs), perFigure);
    }
    return;
}
if (args.Length >= 1 && args[0] == "--store")
{
    // dotnet run -c Release --project tests/NetralBot.Benchmarks -- --store [steps]
    var dialogs = DialogFolder.Resolve(null);
    EndToEndBenchmark.RunStorage(dialogs, DialogFolder.Load(dialogs), args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000);
    return;
}
if (args.Length >= 1 && args[0] == "--idle")
{
    // dotnet run -c Release --project tests/NetralBot.Benchmarks -- --idle [path to netralbot.dll] [settle seconds]
    await IdleMemoryBenchmark.RunAsync(DialogFolder.Resolve(null),
        args.Length > 1 ? Path.GetFullPath(args[1]) : Path.Combine(AppContext.BaseDirectory, "netralbot.dll"),
        args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20);
    return;
}

var startup = Stopwatch.StartNew();
var folder = DialogFolder.Resolve(null);
var content = DialogFolder.Load(folder);
var loadMs = startup.Elapsed.TotalMilliseconds;
var first = content.Understander.Understand("min, boleh gak sih ngelike postingan caleg?");
var firstAnswerMs = startup.Elapsed.TotalMilliseconds;
var sinceProcessStartMs = (DateTime.UtcNow - processStart).TotalMilliseconds;
Console.WriteLine($"dialogs: {content.RuleList.Count} rules from {folder}");
Console.WriteLine($"start-up: dialogs loaded and indexed in {loadMs:F0} ms; first answer ({first.Rule?.Id}) at {firstAnswerMs:F0} ms; {sinceProcessStartMs:F0} ms since process start");

var questions = LoadQuestions(folder);
Console.WriteLine($"question mix: {questions.Count} questions (dev set + rule examples)");

// 1. Matching on one core.
Thread.CurrentThread.Priority = ThreadPriority.Highest;
foreach (var q in questions) { content.Understander.Understand(q); } // warm-up (JIT, typo cache as in production)
var (latencies, matchElapsed) = MatchingBenchmark.TimeUnderstanding(content, questions, seconds, capacity: 1_000_000);
var matchRate = latencies.Count / matchElapsed.TotalSeconds;
latencies.Sort();
Console.WriteLine($"matching (1 thread): {matchRate:N0} questions/s; p50 {Percentile(latencies, 0.50):F1} µs, p99 {Percentile(latencies, 0.99):F1} µs, max {latencies[^1]:F0} µs");

// 2. The dialog step alone (understanding + Stateless machine + reply composition), no storage.
{
    var settings = new NetralBot.Core.Dialogs.DialogSettings("helpdesk");
    var fresh = ConversationState.New(NetralBot.Core.Knowledge.Language.Indonesian);
    var inputs = NetralBot.Core.Dialogs.DialogInputs.GuidanceOnly(DateTimeOffset.UtcNow);
    var steps = 0L;
    var stepClock = Stopwatch.StartNew();
    while (stepClock.Elapsed.TotalSeconds < seconds / 2)
    {
        foreach (var q in questions)
        {
            NetralBot.Core.Dialogs.ConversationDialog.Step(content, settings, inputs, fresh, new InboundMessage("bench", "1", q));
            steps++;
        }
    }
    Console.WriteLine($"dialog step without storage (1 thread): {steps / stepClock.Elapsed.TotalSeconds:N0} messages/s");
}

// 3. End to end through the dialog machine with SQLite persistence (state saved + question logged per message).
var dataFolder = Path.Combine(Path.GetTempPath(), "netralbot-bench-" + Guid.NewGuid().ToString("N"));
try
{
    using var host = EndToEndBenchmark.BuildHost(dataFolder, folder, content);
    var service = host.Services.GetRequiredService<ConversationService>();
    foreach (var threads in new[] { 1, 2 })
    {
        var sent = 0L;
        var e2eLatencies = new List<double>[threads];
        var e2eClock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, threads).Select(worker => Task.Run(async () =>
        {
            var local = e2eLatencies[worker] = new List<double>(200_000);
            var i = worker;
            while (e2eClock.Elapsed.TotalSeconds < seconds)
            {
                var chat = (i % 10_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var t0 = Stopwatch.GetTimestamp();
                await service.HandleAsync(new InboundMessage("bench", chat + "-" + worker, questions[i % questions.Count]));
                local.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
                Interlocked.Increment(ref sent);
                i += threads;
            }
        })));
        var all = e2eLatencies.SelectMany(l => l).Order().ToList();
        Console.WriteLine($"end to end ({threads} thread(s), SQLite WAL, up to 10,000 chats each): {sent / e2eClock.Elapsed.TotalSeconds:N0} messages/s; p50 {Percentile(all, 0.50):F0} µs, p99 {Percentile(all, 0.99):F0} µs");
    }

    // Tips end to end: the whole report conversation (11 messages) per tip, encrypted draft saved at every step.
    var flow = new (string? Text, string? Payload)[]
    {
        ("/lapor", null), (null, "go"), ("3", null), ("Kabid X", null), ("Dinas Y", null), ("Kota Z", null), (null, "skip"),
        ("kemarin", null), ("Kepala Dinas Contoh mengumpulkan staf di aula dan meminta semua memilih paslon nomor 2.", null),
        ("selesai", null), (null, "send"),
    };
    var tipsSent = 0;
    var tipClock = Stopwatch.StartNew();
    while (tipClock.Elapsed.TotalSeconds < seconds)
    {
        var chat = "tipster-" + tipsSent.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (text, payload) in flow)
        {
            await service.HandleAsync(new InboundMessage("bench", chat, text, payload));
        }
        tipsSent++;
    }
    Console.WriteLine($"tips end to end (11-message report conversation each, 1 thread): {tipsSent / tipClock.Elapsed.TotalSeconds:N0} tips/s ({tipsSent * flow.Length / tipClock.Elapsed.TotalSeconds:N0} messages/s)");

    var cipher = host.Services.GetRequiredService<NetralBot.Storage.TipCipher>();
    var payload1k = new byte[1024];
    var cryptoClock = Stopwatch.StartNew();
    var cryptoOps = 0;
    while (cryptoClock.Elapsed.TotalSeconds < seconds / 4)
    {
        cipher.Decrypt(cipher.Encrypt(payload1k, "bench"), "bench");
        cryptoOps++;
    }
    Console.WriteLine($"encryption: AES-GCM encrypt+decrypt of 1 KiB: {cryptoClock.Elapsed.TotalMicroseconds / cryptoOps:F2} µs per round trip");

    using var photo = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(1600, 1200);
    using var photoStream = new MemoryStream();
    SixLabors.ImageSharp.ImageExtensions.SaveAsJpeg(photo, photoStream);
    var photoBytes = photoStream.ToArray();
    NetralBot.Tips.PhotoSanitizer.Clean(photoBytes);
    var photoClock = Stopwatch.StartNew();
    const int photos = 10;
    for (var i = 0; i < photos; i++)
    {
        NetralBot.Tips.PhotoSanitizer.Clean(photoBytes);
    }
    Console.WriteLine($"photo metadata removal (1600x1200 JPEG, decode + re-encode): {photoClock.Elapsed.TotalMilliseconds / photos:F0} ms per photo");
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(dataFolder, recursive: true);
}

// 4. Memory.
GC.Collect();
using var self = Process.GetCurrentProcess();
Console.WriteLine($"memory: RSS {self.WorkingSet64 / 1048576.0:F0} MiB, peak {self.PeakWorkingSet64 / 1048576.0:F0} MiB, managed heap {GC.GetTotalMemory(true) / 1048576.0:F1} MiB");

static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)(p * sorted.Count), 0, sorted.Count - 1)];

static List<string> LoadQuestions(string dialogsFolder)
{
    var devSet = Path.Combine(dialogsFolder, "..", "tests", "NetralBot.Core.Tests", "DevSet", "devset.tsv");
    var fromDevSet = File.Exists(devSet)
        ? File.ReadLines(devSet).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')[1])
        : [];
    var fromRules = DialogFolder.Load(dialogsFolder).RuleList.SelectMany(r => r.Examples);
    return [.. fromDevSet.Concat(fromRules)];
}
