using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetralBot.Conversations;
using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs;
using NetralBot.Core.Knowledge;
using NetralBot.Hosting;

/// <summary>
/// Per-message time and allocation: the dialog step alone, then in-process <c>HandleAsync</c> with SQLite on one and
/// two threads, next to a bare Microsoft.Data.Sqlite loop (one upsert per transaction, one open connection, the
/// store's pragmas) measured in the same run: the storage limit the bot is compared with.
/// </summary>
public static class EndToEndBenchmark
{
    public static async Task RunAsync(string dialogsFolder, DialogContent content, IReadOnlyList<string> questions, double seconds)
    {
        // 1. The dialog step alone (understanding, state machine, reply composition), no storage.
        var settings = new DialogSettings("helpdesk");
        var fresh = ConversationState.New(Language.Indonesian);
        var inputs = DialogInputs.GuidanceOnly(DateTimeOffset.UtcNow);
        foreach (var q in questions)
        {
            ConversationDialog.Step(content, settings, inputs, fresh, new InboundMessage("bench", "1", q));
        }
        var steps = 0L;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = ThreadCpu.Microseconds();
        var stepClock = Stopwatch.StartNew();
        while (stepClock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var q in questions)
            {
                ConversationDialog.Step(content, settings, inputs, fresh, new InboundMessage("bench", "1", q));
                steps++;
            }
        }
        var stepRate = steps / stepClock.Elapsed.TotalSeconds;
        var stepCpu = (ThreadCpu.Microseconds() - cpuBefore) / steps;
        var stepBytes = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)steps;
        Console.WriteLine($"dialog step without storage (1 thread): {stepRate:N0} messages/s, {1e6 / stepRate:F1} µs and {stepBytes / 1024:F1} KiB allocated per message; {stepCpu:F1} µs of the thread's CPU per message");

        var dataFolder = Path.Combine(Path.GetTempPath(), "netralbot-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        try
        {
            var bareCpu = ProcessCpuMicroseconds();
            var (bareRate, bareCount) = BareLoop(Path.Combine(dataFolder, "bare.db"), seconds);
            Console.WriteLine($"bare SQLite loop (one upsert per transaction, one open connection): {bareRate:N0} transactions/s; {(ProcessCpuMicroseconds() - bareCpu) / bareCount:F1} µs of process CPU per transaction");

            using var host = BuildHost(dataFolder, dialogsFolder, content);
            var service = host.Services.GetRequiredService<ConversationService>();
            for (var i = 0; i < 2_000; i++)
            {
                await service.HandleAsync(new InboundMessage("bench", "warm-" + (i % 100).ToString(CultureInfo.InvariantCulture), questions[i % questions.Count]));
            }
            StorageAlone(host.Services, seconds);
            foreach (var threads in new[] { 1, 2 })
            {
                var sent = 0L;
                var latencies = new List<double>[threads];
                var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
                var writtenBefore = BytesWritten();
                var processCpuBefore = ProcessCpuMicroseconds();
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, threads).Select(worker => Task.Run(async () =>
                {
                    var local = latencies[worker] = new List<double>(200_000);
                    var i = worker;
                    while (clock.Elapsed.TotalSeconds < seconds)
                    {
                        var chat = (i % 10_000).ToString(CultureInfo.InvariantCulture) + "-" + worker.ToString(CultureInfo.InvariantCulture);
                        var t0 = Stopwatch.GetTimestamp();
                        await service.HandleAsync(new InboundMessage("bench", chat, questions[i % questions.Count]));
                        local.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
                        Interlocked.Increment(ref sent);
                        i += threads;
                    }
                })));
                var elapsed = clock.Elapsed.TotalSeconds;
                var cpu = (ProcessCpuMicroseconds() - processCpuBefore) / sent;
                var bytes = (GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / (double)sent;
                var all = latencies.SelectMany(l => l).Order().ToList();
                var written = (BytesWritten() - writtenBefore) / (double)sent;
                Console.WriteLine($"end to end ({threads} thread(s), SQLite WAL): {sent / elapsed:N0} messages/s; p50 {Percentile(all, 0.50):F0} µs, p99 {Percentile(all, 0.99):F0} µs; {bytes / 1024:F1} KiB allocated, {written / 1024:F1} KiB written and {cpu:F1} µs of process CPU per message");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    /// <summary>
    /// The storage side alone: <c>ConversationStore.Update</c> with a fixed step (the state an answer leaves: three
    /// buttons, a rule id; one question-log row) and the conversation key derived from the chat id, on one thread.
    /// </summary>
    private static void StorageAlone(IServiceProvider services, double seconds, long steps = long.MaxValue, double warmSeconds = 2)
    {
        var store = services.GetRequiredService<NetralBot.Storage.ConversationStore>();
        var keys = services.GetRequiredService<NetralBot.Storage.ConversationKeys>();
        IReadOnlyList<Button> offered = [new("Tanya lagi", "guidance"), new("Lapor pelanggaran", "report"), new("Menu utama", "menu")];
        var answered = ConversationState.New(Language.Indonesian) with { State = "Answered", LastRuleId = "medsos-like-komentar", Offered = offered };
        var question = new LogQuestion("min, boleh gak sih ngelike postingan caleg di facebook?", NetralBot.Core.Understanding.Intent.Guidance, "medsos-like-komentar", 0.8734);
        (ConversationState, IReadOnlyList<LogQuestion>, int) Step(ConversationState? stored, NetralBot.Storage.StoreTransaction work) =>
            ((stored ?? answered) with { LastRuleId = answered.LastRuleId, Offered = offered }, [question], 0);
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 2_000 || warm.Elapsed.TotalSeconds < warmSeconds; i++)
        {
            store.Update(keys.For("bench", "store-" + (i % 100).ToString(CultureInfo.InvariantCulture)), Step);
        }
        var done = 0L;
        var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        var writtenBefore = BytesWritten();
        var cpuBefore = ProcessCpuMicroseconds();
        var threadCpuBefore = ThreadCpu.Microseconds();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds && done < steps)
        {
            store.Update(keys.For("bench", "store-" + (done % 10_000).ToString(CultureInfo.InvariantCulture)), Step);
            done++;
        }
        var rate = done / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"storage alone (ConversationStore.Update with a fixed step and the key derivation, 1 thread): {rate:N0} steps/s; {(GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / (double)done / 1024:F1} KiB allocated, {(BytesWritten() - writtenBefore) / (double)done / 1024:F1} KiB written and {(ProcessCpuMicroseconds() - cpuBefore) / done:F1} µs of process CPU ({(ThreadCpu.Microseconds() - threadCpuBefore) / done:F1} µs of the thread's) per step");
    }

    /// <summary>
    /// <see cref="StorageAlone"/> for a fixed number of steps, for counting instructions (<c>perf stat -e instructions</c>
    /// of two runs with different counts): on a shared machine a count of instructions moves far less than CPU time.
    /// </summary>
    public static void RunStorage(string dialogsFolder, DialogContent content, long steps)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "netralbot-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        try
        {
            using var host = BuildHost(dataFolder, dialogsFolder, content);
            StorageAlone(host.Services, double.MaxValue, steps, warmSeconds: 3);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    /// <summary>The bot in this process on a SQLite file in <paramref name="dataFolder"/>, without logging: for calling its services directly.</summary>
    public static Microsoft.Extensions.Hosting.IHost BuildHost(string dataFolder, string dialogsFolder, DialogContent content)
    {
        var builder = BotHost.CreateBuilder(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(dataFolder, "bench.db")}",
            ["Security:KeyFile"] = Path.Combine(dataFolder, "bench.key"),
        });
        builder.Logging.ClearProviders();
        builder.Services.AddBot(dialogsFolder, content);
        return builder.Build();
    }

    // The whole process's CPU time (every thread, the collector's included): on a shared machine a rate measures waiting
    // for a core as much as work; the CPU spent per message does not.
    private static double ProcessCpuMicroseconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMicroseconds;
    }

    private static (double Rate, long Count) BareLoop(string file, double seconds)
    {
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA synchronous = NORMAL;
                CREATE TABLE conversation (key TEXT PRIMARY KEY, state TEXT NOT NULL, updated INTEGER NOT NULL);
                """;
            setup.ExecuteNonQuery();
        }
        using var upsert = connection.CreateCommand();
        upsert.CommandText = "INSERT INTO conversation (key, state, updated) VALUES ($key, $state, $updated) ON CONFLICT (key) DO UPDATE SET state = excluded.state, updated = excluded.updated";
        var key = upsert.Parameters.Add("$key", SqliteType.Text);
        var state = upsert.Parameters.Add("$state", SqliteType.Text);
        var updated = upsert.Parameters.Add("$updated", SqliteType.Integer);
        state.Value = """{"state":"ShowingAnswer","language":"id","offered":[{"label":"Menu","payload":"menu"}]}""";
        var done = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            using var transaction = connection.BeginTransaction();
            upsert.Transaction = transaction;
            key.Value = (done % 10_000).ToString(CultureInfo.InvariantCulture);
            updated.Value = done;
            upsert.ExecuteNonQuery();
            transaction.Commit();
            done++;
        }
        return (done / clock.Elapsed.TotalSeconds, done);
    }

    /// <summary>Bytes this process has passed to write calls so far (Linux /proc/self/io "wchar"; 0 elsewhere).</summary>
    private static long BytesWritten()
    {
        const string Io = "/proc/self/io";
        if (!File.Exists(Io))
        {
            return 0;
        }
        foreach (var line in File.ReadLines(Io))
        {
            if (line.StartsWith("wchar:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)(p * sorted.Count), 0, sorted.Count - 1)];
}
