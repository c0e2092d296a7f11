using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Storage;
using NetralBot.Tests.Telegram;

namespace NetralBot.Tests.WhatsApp;

/// <summary>
/// The delivery guarantee on WhatsApp with a real process: `netralbot run` sends a broadcast through the Cloud API
/// double, is killed mid-way (SIGKILL, no shutdown), restarted, and finishes. Every subscriber gets the message;
/// duplicates are at most the messages in flight at the kill (one claimed batch).
/// </summary>
public class WhatsAppCrashTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private const int Subscribers = 1_000;
    private const string Text = "Pengingat: jaga netralitas selama masa kampanye.";

    [Fact]
    public async Task KilledMidBroadcast_ResumesAfterRestart_EveryoneOnce_DuplicatesBounded()
    {
        await using var api = await new CloudApiDouble().StartAsync();
        using var cli = new CliRunner();
        Seed(cli.DatabaseFile);
        foreach (var (key, value) in api.BotSettings())
        {
            cli.Environment["NETRALBOT__" + key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }
        cli.Environment["NETRALBOT__WhatsApp__MessagesPerSecond"] = "150";
        cli.Environment["NETRALBOT__Http__Urls"] = $"http://127.0.0.1:{TelegramEmulator.FreePort()}";
        int Received() => api.SentMessages.Count(s => s.Type == "text" && s.Text.StartsWith(Text, StringComparison.Ordinal));

        using (var first = cli.StartDrained("run", "--dialogs", CliRunner.RepositoryDialogs))
        {
            await cli.WaitUntilAsync(() => Task.FromResult(Received() >= 250), TimeSpan.FromSeconds(60));
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        var beforeRestart = Received();
        Assert.InRange(beforeRestart, 250, Subscribers - 1);

        using (var second = cli.StartDrained("run", "--dialogs", CliRunner.RepositoryDialogs))
        {
            await cli.WaitUntilAsync(() => Task.FromResult(cli.UnsentOutboxMessages() == 0), TimeSpan.FromSeconds(90));
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }

        var perChat = api.SentMessages.Where(s => s.Text.StartsWith(Text, StringComparison.Ordinal)).GroupBy(s => s.To).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Subscribers, perChat.Count);
        var duplicates = perChat.Values.Sum() - Subscribers;
        log.WriteLine($"sent before the kill: {beforeRestart}; duplicates after the restart: {duplicates}");
        Assert.InRange(duplicates, 0, NetralBot.Broadcasting.BroadcastSender.BatchSize);
    }

    private static void Seed(string databaseFile)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var database = Database.Create(StorageProvider.Sqlite, $"Data Source={databaseFile}");
        database.Initialize(time);
        NetralBot.Storage.Tests.Seed.WhatsAppSubscribers(database, Subscribers, 6281400000000L, time);
        new Broadcasts(database, time).Create(Text, "test");
        SqliteConnection.ClearAllPools();
    }
}
