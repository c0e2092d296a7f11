using System.Diagnostics;
using System.Globalization;
using NetralBot.Storage;
using NetralBot.Storage.Tests;

/// <summary>
/// Several workers (issue 14), WhatsApp end to end through real `netralbot run` processes: deliveries handled per second
/// with SQLite (one process) next to PostgreSQL with one and with two workers on one database (phones post to the
/// workers in turn, as a load balancer would), then the broadcast rate of two workers against the configured overall
/// rate. PostgreSQL is a throw-away cluster on loopback (the storage tests' <see cref="PostgresCluster"/>).
/// </summary>
public static partial class WhatsAppBenchmark
{
    private static readonly (string, string)[] Lifted =
        [("WhatsApp__MessagesPerSecond", "100000"), ("WhatsApp__PerChatMessagesPerSecond", "1000"), ("WhatsApp__PerChatBurst", "1000")];

    public static async Task RunWorkersAsync(double seconds, int phones, int broadcastSeconds, int messagesPerSecond)
    {
        await using var api = await CloudApi.StartAsync();
        await MeasureAsync("sqlite, 1 worker", api, seconds, phones, [[.. Lifted]]);
        var (name, connectionString) = PostgresCluster.Shared.CreateDatabase();
        var key = CreateSharedKey();
        (string, string)[] postgres = [("Storage__Provider", "postgres"), ("Storage__ConnectionString", connectionString), ("Security__KeyFile", key), .. Lifted];
        await MeasureAsync("postgres, 1 worker", api, seconds, phones, [postgres]);
        await MeasureAsync("postgres, 2 workers", api, seconds, phones, [postgres, postgres]);
        PostgresCluster.Shared.DropDatabase(name);
        await MeasureSharedBroadcastAsync(api, key, broadcastSeconds, messagesPerSecond);
    }

    private static async Task MeasureAsync(string label, CloudApi api, double seconds, int phones, (string, string)[][] workers)
    {
        var bots = new List<Process>();
        var clients = new List<HttpClient>();
        try
        {
            foreach (var settings in workers)
            {
                var baseUrl = $"http://127.0.0.1:{BotProcess.FreePort()}";
                bots.Add(StartBot(NewFolder(), baseUrl, api.Url, settings));
                var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(baseUrl) };
                clients.Add(http);
                await BotProcess.WaitReadyAsync(http);
            }
            Console.WriteLine($"{label}:");
            await RunPhonesAsync(api, [.. clients], phones, 2, print: false); // warm-up (JIT, pools, caches)
            foreach (var n in new[] { 1, phones })
            {
                await RunPhonesAsync(api, [.. clients], n, seconds, print: true);
            }
        }
        finally
        {
            foreach (var bot in bots)
            {
                bot.Kill(entireProcessTree: true);
                await bot.WaitForExitAsync();
            }
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Two workers sending one broadcast: the rate at the Cloud API against WhatsApp:MessagesPerSecond (for both).</summary>
    private static async Task MeasureSharedBroadcastAsync(CloudApi api, string key, int seconds, int messagesPerSecond)
    {
        var (name, connectionString) = PostgresCluster.Shared.CreateDatabase();
        var subscribers = messagesPerSecond * seconds * 3 / 2; // still sending when the window ends
        var time = TimeProvider.System;
        var database = Database.Create(StorageProvider.Postgres, connectionString);
        database.Initialize(time);
        NetralBot.Storage.Tests.Seed.WhatsAppSubscribers(database, subscribers, 6286000000000L, time);
        (string, string)[] settings = [("Storage__Provider", "postgres"), ("Storage__ConnectionString", connectionString), ("Security__KeyFile", key),
            ("WhatsApp__MessagesPerSecond", messagesPerSecond.ToString(CultureInfo.InvariantCulture))];
        var bots = new[] { StartBot(NewFolder(), $"http://127.0.0.1:{BotProcess.FreePort()}", api.Url, settings), StartBot(NewFolder(), $"http://127.0.0.1:{BotProcess.FreePort()}", api.Url, settings) };
        await Task.Delay(TimeSpan.FromSeconds(8)); // both started and present before the broadcast begins
        api.Reset();
        new Broadcasts(database, time).Create("Pengingat: jaga netralitas selama masa kampanye.", "bench");
        var (count, perSecond) = await MeasureSendRateAsync(api, seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"broadcast, postgres, 2 workers: {count:N0} messages in {seconds} s = {count / (double)seconds:F1}/s with WhatsApp:MessagesPerSecond {messagesPerSecond} for both together; per second min {perSecond.Min()}, max {perSecond.Max()}"));
        foreach (var bot in bots)
        {
            bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync();
        }
        Npgsql.NpgsqlConnection.ClearAllPools();
        PostgresCluster.Shared.DropDatabase(name);
    }

    /// <summary>The one key file all workers share, made as an operator makes it (`netralbot keys create`).</summary>
    private static string CreateSharedKey()
    {
        var key = Path.Combine(NewFolder(), "shared.key");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "netralbot.dll"));
        start.ArgumentList.Add("keys");
        start.ArgumentList.Add("create");
        start.Environment["NETRALBOT__Security__KeyFile"] = key;
        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("keys create failed: " + process.StandardError.ReadToEnd());
        }
        return key;
    }
}
