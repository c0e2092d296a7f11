using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Storage;
using NetralBot.Tests.Telegram;

namespace NetralBot.Tests.Broadcasting;

/// <summary>
/// The delivery guarantee with a real process: `netralbot run` sends a broadcast through the Bot API emulator, is
/// killed mid-way (SIGKILL, no shutdown), restarted, and finishes. Every subscriber gets the message; duplicates are
/// at most the messages in flight at the kill (one claimed batch).
/// </summary>
public class BroadcastCrashTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private const string Token = "888888:NETRALBOT-CRASH-TEST";
    private const int Subscribers = 1_200;

    [Fact]
    public async Task KilledMidBroadcast_ResumesAfterRestart_EveryoneOnce_DuplicatesBounded()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        await using var proxy = await QuirksProxy.StartAsync(emulator.ApiUrl);
        using var cli = new CliRunner();
        Seed(cli.DatabaseFile);
        cli.Environment["NETRALBOT__Telegram__BotToken"] = Token;
        cli.Environment["NETRALBOT__Telegram__ApiBaseUrl"] = proxy.Url;
        cli.Environment["NETRALBOT__Telegram__MessagesPerSecond"] = "1000";
        cli.Environment["NETRALBOT__Telegram__BroadcastMessagesPerSecond"] = "150";

        using var http = new HttpClient();
        using (var first = cli.StartDrained("run", "--dialogs", CliRunner.RepositoryDialogs))
        {
            await cli.WaitUntilAsync(async () => (await BotMessagesAsync(http, emulator.ApiUrl)).Count >= 300, TimeSpan.FromSeconds(60));
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        var beforeRestart = (await BotMessagesAsync(http, emulator.ApiUrl)).Count;
        Assert.InRange(beforeRestart, 300, Subscribers - 1);

        using (var second = cli.StartDrained("run", "--dialogs", CliRunner.RepositoryDialogs))
        {
            await cli.WaitUntilAsync(() => Task.FromResult(cli.UnsentOutboxMessages() == 0), TimeSpan.FromSeconds(90));
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }

        var perChat = (await BotMessagesAsync(http, emulator.ApiUrl)).GroupBy(chat => chat).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Subscribers, perChat.Count);                      // every subscriber got it
        var duplicates = perChat.Values.Sum() - Subscribers;
        log.WriteLine($"sent before the kill: {beforeRestart}; duplicates after the restart: {duplicates}");
        Assert.InRange(duplicates, 0, NetralBot.Broadcasting.BroadcastSender.BatchSize);                      // at most the batch in flight at the kill
    }

    private static void Seed(string databaseFile)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var database = Database.Create(StorageProvider.Sqlite, $"Data Source={databaseFile}");
        database.Initialize(time);
        using (var connection = database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            var subscriptions = new Subscriptions(database, time);
            for (var i = 0; i < Subscribers; i++)
            {
                subscriptions.Subscribe(new StoreTransaction(connection, transaction), "telegram", (30_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "id");
            }
            transaction.Commit();
        }
        new Broadcasts(database, time).Create("Pengingat: jaga netralitas selama masa kampanye.", "test");
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The chat id of every message the bot sent, from the emulator's history.</summary>
    private static async Task<List<long>> BotMessagesAsync(HttpClient http, string api)
    {
        var response = await http.PostAsJsonAsync($"{api}/getUpdatesHistory", new { token = Token });
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["result"]!.AsArray()
            .Where(h => h!["message"]?["chat_id"] is not null && h["message"]!["text"]?.ToString().StartsWith("Pengingat", StringComparison.Ordinal) == true)
            .Select(h => long.Parse(h!["message"]!["chat_id"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
    }
}
