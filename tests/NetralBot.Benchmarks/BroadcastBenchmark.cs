using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetralBot.Channels;
using NetralBot.Core.Conversations;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using NetralBot.Storage;

/// <summary>
/// The broadcast pipeline with SQLite: messages/s it pushes through an unlimited in-process channel and its memory
/// for 1,000 / 10,000 / 100,000 subscribers; then the measured rate with the pace set to 25/s.
/// </summary>
public static class BroadcastBenchmark
{
    /// <summary>An in-process channel; with a pace it waits for it like a real channel (bulk traffic), else it is unlimited.</summary>
    private sealed class CountingSender(PaceSettings? pace) : IMessageSender
    {
        private readonly OutboundPacer? _pacer = pace is null ? null : new OutboundPacer(pace);
        public int Count;

        public string Channel => "bench";

        public async Task<SendOutcome> SendAsync(string chatId, Reply reply, Traffic traffic, CancellationToken cancellationToken)
        {
            if (_pacer is not null)
            {
                await _pacer.WaitAsync(chatId, traffic, cancellationToken);
            }
            Interlocked.Increment(ref Count);
            return SendOutcome.Sent;
        }

        public Task<SendOutcome> EditAsync(string chatId, string messageId, Reply reply, CancellationToken cancellationToken) => Task.FromResult(SendOutcome.Sent);
    }

    public static async Task RunAsync(string dialogsFolder, int rateSeconds)
    {
        foreach (var subscribers in new[] { 1_000, 10_000, 100_000 })
        {
            var (rate, heap) = await PushAsync(dialogsFolder, subscribers, pace: null, seconds: null);
            Console.WriteLine($"broadcast to {subscribers:N0} subscribers, unlimited channel: {rate:N0} messages/s; managed heap while sending {heap / 1048576.0:F1} MiB");
        }
        // Telegram's defaults: 30/s overall, broadcasts' share 25/s, 1/s per chat after a burst of 3.
        var (paced, _) = await PushAsync(dialogsFolder, 5_000, pace: new PaceSettings(30, 25, 1, 3), seconds: rateSeconds);
        Console.WriteLine($"broadcast paced at 25/s over {rateSeconds} s: measured {paced:F2} messages/s ({(paced - 25) / 25:P1} off)");
        foreach (var repliesPerSecond in new[] { 3, 10, 20 })
        {
            await RepliesDuringABroadcastAsync(repliesPerSecond, seconds: 20);
        }
    }

    /// <summary>
    /// Telegram's default pace (30/s, broadcasts' share 25/s) with a broadcast that always has more to send, and
    /// people asking at a steady rate: how long a reply waits for the pacer, and what rate the broadcast keeps.
    /// </summary>
    private static async Task RepliesDuringABroadcastAsync(int repliesPerSecond, int seconds)
    {
        await using var pacer = new OutboundPacer(new PaceSettings(30, 25, 1, 3));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var bulk = 0;
        var broadcast = Task.Run(async () =>
        {
            // Eight in flight, like the broadcast sender.
            await Parallel.ForEachAsync(Enumerable.Range(0, int.MaxValue), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stop.Token }, async (i, ct) =>
            {
                await pacer.WaitAsync("s" + i, Traffic.Bulk, ct);
                Interlocked.Increment(ref bulk);
            });
        });
        var waits = new System.Collections.Concurrent.ConcurrentBag<double>();
        var replies = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var chat = "r" + i;
            replies.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                await pacer.WaitAsync(chat, Traffic.Reply, CancellationToken.None);
                waits.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }));
            var next = TimeSpan.FromSeconds((i + 1) / (double)repliesPerSecond) - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next);
            }
        }
        try
        {
            await broadcast;
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(replies);
        var sorted = waits.Order().ToList();
        Console.WriteLine($"replies at {repliesPerSecond}/s during a broadcast (30/s channel, 25/s share): reply wait p50 {sorted[sorted.Count / 2]:F0} ms, " +
            $"p99 {sorted[(int)(sorted.Count * 0.99)]:F0} ms, max {sorted[^1]:F0} ms; broadcast kept {bulk / clock.Elapsed.TotalSeconds:F1} messages/s");
    }

    private static async Task<(double Rate, long Heap)> PushAsync(string dialogsFolder, int subscribers, PaceSettings? pace, int? seconds)
    {
        var data = Path.Combine(Path.GetTempPath(), "netralbot-bc-bench-" + Guid.NewGuid().ToString("N"));
        var sender = new CountingSender(pace);
        try
        {
            var builder = BotHost.CreateBuilder(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = $"Data Source={Path.Combine(data, "bench.db")}",
                ["Security:KeyFile"] = Path.Combine(data, "bench.key"),
            });
            builder.Logging.ClearProviders();
            builder.Services.AddBot(dialogsFolder, DialogFolder.Load(dialogsFolder));
            builder.Services.AddSingleton<IMessageSender>(sender);
            using var host = builder.Build();
            var database = host.Services.GetRequiredService<Database>();
            using (var connection = database.Open())
            using (var transaction = connection.BeginTransaction())
            {
                var subscriptions = host.Services.GetRequiredService<Subscriptions>();
                var work = new StoreTransaction(connection, transaction);
                for (var i = 0; i < subscribers; i++)
                {
                    subscriptions.Subscribe(work, "bench", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "id");
                }
                transaction.Commit();
            }
            host.Services.GetRequiredService<Broadcasts>().Create("Pengingat netralitas untuk semua pegawai.", "bench");
            var clock = Stopwatch.StartNew();
            await host.StartAsync();
            long heap = 0;
            while (sender.Count < subscribers && (seconds is null || clock.Elapsed.TotalSeconds < seconds))
            {
                await Task.Delay(200);
                heap = Math.Max(heap, GC.GetTotalMemory(false));
            }
            var rate = sender.Count / clock.Elapsed.TotalSeconds;
            await host.StopAsync();
            return (rate, heap);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }
}
