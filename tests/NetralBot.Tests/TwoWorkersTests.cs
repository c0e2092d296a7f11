using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Storage;
using NetralBot.Storage.Tests;
using NetralBot.Tests.Telegram;
using NetralBot.Tests.WhatsApp;

namespace NetralBot.Tests;

/// <summary>
/// Two `netralbot run` workers on one PostgreSQL behave as one bot (issue 14). WhatsApp deliveries from many chats go to
/// both workers (as a load balancer would send them), one worker is killed with SIGKILL in the middle of conversations
/// and of a broadcast, the other takes over, and the killed one is started again. Then: every message is answered, in
/// order per chat; duplicates are at most what was in flight at the kill; every subscriber got the broadcast; each
/// reminder occurrence went out once.
/// </summary>
public class TwoWorkersTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private const int Chats = 40;
    private const int Subscribers = 300;
    private const string BroadcastText = "Siaran: ASN wajib netral pada Pilkada serentak.";
    private const string ReminderText = "Pengingat tiap menit: tetap netral.";

    // Questions that each stand on their own (a repeat of one gets the same kind of answer).
    private static readonly string[] Questions =
    [
        "boleh like postingan capres di ig?",
        "pns boleh ikut kampanye ga?",
        "boleh foto pose dua jari?",
        "honorer boleh jadi timses?",
        "boleh nyoblos di tps?",
        "boleh pasang stiker caleg di mobil dinas?",
        "pppk boleh share video kampanye di grup wa?",
        "boleh hadir di acara deklarasi paslon?",
    ];

    [Fact]
    public async Task TwoWorkers_OneKilledMidway_EveryMessageAnsweredOnceInOrder_BroadcastReachesAll_RemindersOnce()
    {
        await using var api = await new CloudApiDouble().StartAsync();
        using var cli = new CliRunner();
        var (name, connectionString) = PostgresCluster.Shared.CreateDatabase();
        try
        {
            cli.Environment["NETRALBOT__Storage__Provider"] = "postgres";
            cli.Environment["NETRALBOT__Storage__ConnectionString"] = connectionString;
            foreach (var (key, value) in api.BotSettings())
            {
                cli.Environment["NETRALBOT__" + key.Replace(":", "__", StringComparison.Ordinal)] = value!;
            }
            cli.Environment["NETRALBOT__WhatsApp__MessagesPerSecond"] = "60"; // for both workers together
            cli.Environment["NETRALBOT__WebChat__Enabled"] = "false";
            cli.Environment["NETRALBOT__Reminders__GraceMinutes"] = "1"; // the every-minute reminder below: no backlog of past minutes
            Assert.Equal(0, (await cli.RunAsync("", "keys", "create")).ExitCode);
            var dialogs = cli.CopyDialogs();
            await File.AppendAllTextAsync(Path.Combine(dialogs, "reminders.yaml"), $"""

                  - id: tiap_menit
                    cron: "* * * * *"
                    time_zone: Asia/Jakarta
                    text: "{ReminderText}"
                    text_en: "Every minute: stay neutral."

                """);
            SeedSubscribers(connectionString);

            var urls = new[] { $"http://127.0.0.1:{TelegramEmulator.FreePort()}", $"http://127.0.0.1:{TelegramEmulator.FreePort()}" };
            var workers = new System.Diagnostics.Process[2];
            System.Diagnostics.Process StartWorker(int i)
            {
                cli.Environment["NETRALBOT__Http__Urls"] = urls[i];
                return cli.StartDrained("run", "--dialogs", dialogs);
            }
            workers[0] = StartWorker(0);
            workers[1] = StartWorker(1);
            await WaitReadyAsync(urls[0]);
            await WaitReadyAsync(urls[1]);

            // What one chat is told for the sequence, with no worker killed: the reference.
            var reference = new WhatsAppPerson(api, urls[1], "6281299990000");
            var expected = new List<string>();
            foreach (var question in Questions)
            {
                expected.AddRange((await reference.SayAsync(question)).Select(s => s.Text));
            }

            new Broadcasts(Database.Create(StorageProvider.Postgres, connectionString), TimeProvider.System).Create(BroadcastText, "test");

            // Every chat sends the sequence without waiting for answers, each message to either worker.
            var chats = Enumerable.Range(0, Chats).Select(i => (6281200000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var next = 0;
            async Task PostRoundAsync(int round, Func<int, string> urlFor)
            {
                await Parallel.ForEachAsync(chats.Select((chat, i) => (chat, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, _) =>
                {
                    var id = $"wamid.two-workers.{c.chat}.{round}.{Interlocked.Increment(ref next)}";
                    var delivery = CloudApiDouble.Delivery(c.chat, id, CloudApiDouble.TextContent(Questions[round]));
                    using var posted = await CloudApiDouble.PostAsync(urlFor(c.i + round), delivery);
                    Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
                });
            }
            for (var round = 0; round < Questions.Length / 2; round++)
            {
                await PostRoundAsync(round, n => urls[n % 2]);
            }
            int BroadcastsReceived() => api.SentMessages.Count(s => s.Text.StartsWith(BroadcastText, StringComparison.Ordinal));
            try
            {
                await cli.WaitUntilAsync(() => Task.FromResult(BroadcastsReceived() >= 60), TimeSpan.FromSeconds(60));
            }
            catch
            {
                using var c = new Npgsql.NpgsqlConnection(connectionString);
                foreach (var row in c.Query<(string, long)>("SELECT state, COUNT(*) FROM outbox GROUP BY state"))
                {
                    log.WriteLine($"outbox {row.Item1}: {row.Item2}");
                }
                foreach (var row in c.Query<(long, string)>("SELECT id, state FROM broadcasts"))
                {
                    log.WriteLine($"broadcast {row.Item1}: {row.Item2}");
                }
                log.WriteLine($"inbox: {c.ExecuteScalar<long>("SELECT COUNT(*) FROM inbox")}; sent: {api.SentMessages.Count}; first: {api.SentMessages.LastOrDefault()?.Text}");
                throw;
            }
            workers[0].Kill(entireProcessTree: true); // in the middle of conversations and of the broadcast
            await workers[0].WaitForExitAsync();
            log.WriteLine($"killed with {BroadcastsReceived()} of {Subscribers} broadcast messages out");
            for (var round = Questions.Length / 2; round < Questions.Length; round++)
            {
                await PostRoundAsync(round, _ => urls[1]); // the load balancer sends everything to the live worker
            }
            workers[0] = StartWorker(0);

            int AnswersTo(string chat) => api.SentMessages.Count(s => s.To == chat && !s.Text.StartsWith(BroadcastText, StringComparison.Ordinal) && !s.Text.StartsWith(ReminderText, StringComparison.Ordinal));
            await cli.WaitUntilAsync(() => Task.FromResult(chats.All(c => AnswersTo(c) >= expected.Count) && Unsent(connectionString) == 0), TimeSpan.FromSeconds(150));
            await Task.Delay(TimeSpan.FromSeconds(2)); // late duplicates, if any, arrive now
            foreach (var worker in workers)
            {
                worker.Kill(entireProcessTree: true);
                await worker.WaitForExitAsync();
                worker.Dispose();
            }

            // Every message answered, in order per chat: the reference answers appear in each chat's answers in order;
            // anything more is a message answered twice because it was in flight at the kill.
            var extra = 0;
            foreach (var chat in chats)
            {
                var answers = api.SentMessages.Where(s => s.To == chat).Select(s => s.Text)
                    .Where(t => !t.StartsWith(BroadcastText, StringComparison.Ordinal) && !t.StartsWith(ReminderText, StringComparison.Ordinal)).ToList();
                Assert.True(IsInOrderWithin(expected, answers), $"chat {chat}: answers out of order or missing");
                extra += answers.Count - expected.Count;
            }
            var perSubscriber = api.SentMessages.Where(s => s.Text.StartsWith(BroadcastText, StringComparison.Ordinal)).GroupBy(s => s.To).ToDictionary(g => g.Key, g => g.Count());
            var broadcastDuplicates = perSubscriber.Values.Sum() - Subscribers;
            log.WriteLine($"answers sent twice: {extra}; broadcast duplicates: {broadcastDuplicates}");
            Assert.InRange(extra, 0, NetralBot.Conversations.InboxWorker.MaxInFlight * 3);
            Assert.Equal(Subscribers, perSubscriber.Count);
            Assert.InRange(broadcastDuplicates, 0, NetralBot.Broadcasting.BroadcastSender.BatchSize);

            // Each reminder occurrence: one broadcast, and no subscriber got more reminders than there were occurrences.
            using var connection = new Npgsql.NpgsqlConnection(connectionString);
            var occurrences = connection.ExecuteScalar<int>("SELECT COUNT(*) FROM reminder_runs WHERE reminder_id = 'tiap_menit' AND broadcast_id IS NOT NULL");
            var reminderBroadcasts = connection.ExecuteScalar<int>("SELECT COUNT(*) FROM broadcasts WHERE text = @Text", new { Text = ReminderText });
            Assert.Equal(occurrences, reminderBroadcasts);
            var mostReminders = api.SentMessages.Where(s => s.Text.StartsWith(ReminderText, StringComparison.Ordinal)).GroupBy(s => s.To).Select(g => g.Count()).DefaultIfEmpty(0).Max();
            log.WriteLine($"reminder occurrences: {occurrences}; most reminders one subscriber got: {mostReminders}");
            Assert.InRange(mostReminders, 0, occurrences + 1); // +1: one in flight at the kill
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            PostgresCluster.Shared.DropDatabase(name);
        }
    }

    [Fact]
    public async Task TelegramPolling_OneWorkerPolls_AnotherTakesOverWithinSeconds_WhenItIsKilled()
    {
        const string token = "777777:NETRALBOT-TWO-POLLERS";
        await using var emulator = await EmulatorProcess.StartAsync();
        await using var proxy = await QuirksProxy.StartAsync(emulator.ApiUrl);
        using var cli = new CliRunner();
        using var http = new HttpClient();
        var (name, connectionString) = PostgresCluster.Shared.CreateDatabase();
        try
        {
            cli.Environment["NETRALBOT__Telegram__PollingTimeoutSeconds"] = "1";
            await PrepareTelegramWorkersAsync(cli, connectionString, token, proxy.Url);
            System.Diagnostics.Process StartWorker()
            {
                cli.Environment["NETRALBOT__Http__Urls"] = $"http://127.0.0.1:{TelegramEmulator.FreePort()}";
                return cli.StartDrained("run", "--dialogs", CliRunner.RepositoryDialogs);
            }
            async Task<int> AnswersAsync(long chat)
            {
                var response = await http.PostAsJsonAsync($"{emulator.ApiUrl}/getUpdatesHistory", new { token });
                return System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["result"]!.AsArray()
                    .Count(h => h!["message"]?["chat_id"]?.ToString() == chat.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            async Task AskAsync(long chat)
            {
                var message = new System.Text.Json.Nodes.JsonObject
                {
                    ["botToken"] = token,
                    ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    ["from"] = new System.Text.Json.Nodes.JsonObject { ["id"] = chat, ["first_name"] = "Penguji", ["is_bot"] = false, ["language_code"] = "id" },
                    ["chat"] = new System.Text.Json.Nodes.JsonObject { ["id"] = chat, ["first_name"] = "Penguji", ["type"] = "private" },
                    ["text"] = "boleh like postingan caleg di facebook?",
                };
                (await http.PostAsJsonAsync($"{emulator.ApiUrl}/sendMessage", message)).EnsureSuccessStatusCode();
                await cli.WaitUntilAsync(async () => await AnswersAsync(chat) > 0, TimeSpan.FromSeconds(30));
            }

            using var first = StartWorker();
            await AskAsync(501); // the first worker started leads the polling
            using var second = StartWorker();
            await AskAsync(502);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            var killed = System.Diagnostics.Stopwatch.StartNew();
            await AskAsync(503);
            log.WriteLine($"answered {killed.Elapsed.TotalSeconds:F1} s after the polling worker was killed");
            Assert.True(killed.Elapsed < TimeSpan.FromSeconds(20), "the other worker did not take over the polling in time");
            await Task.Delay(TimeSpan.FromSeconds(2));
            var before = (await AnswersAsync(501), await AnswersAsync(502));
            await AskAsync(504);
            Assert.Equal(before, (await AnswersAsync(501), await AnswersAsync(502))); // nothing done is handled again
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            PostgresCluster.Shared.DropDatabase(name);
        }
    }

    /// <summary>
    /// Telegram webhook mode with two workers behind a load balancer: one chat's updates are posted to both workers
    /// alternately, without waiting, as Telegram would deliver them through a balancer. Every chat gets each answer
    /// once, in the order it asked (the inbox takes a conversation's messages in order, whichever worker kept them).
    /// </summary>
    [Fact]
    public async Task TelegramWebhook_UpdatesOfOneChatSpreadOverTwoWorkers_AreAnsweredOnceInOrder()
    {
        const string token = "777777:NETRALBOT-TWO-WEBHOOKS";
        const string secret = "two-workers-webhook-secret";
        const int chats = 12;
        await using var emulator = await EmulatorProcess.StartAsync();
        await using var proxy = await QuirksProxy.StartAsync(emulator.ApiUrl);
        using var cli = new CliRunner();
        using var http = new HttpClient();
        var (name, connectionString) = PostgresCluster.Shared.CreateDatabase();
        var workers = new[] { $"http://127.0.0.1:{TelegramEmulator.FreePort()}", $"http://127.0.0.1:{TelegramEmulator.FreePort()}" };
        try
        {
            cli.Environment["NETRALBOT__Telegram__Mode"] = "webhook";
            cli.Environment["NETRALBOT__Telegram__WebhookUrl"] = workers[0] + NetralBot.Telegram.TelegramWebhook.Path;
            cli.Environment["NETRALBOT__Telegram__WebhookSecret"] = secret;
            cli.Environment["NETRALBOT__WebChat__Enabled"] = "false";
            await PrepareTelegramWorkersAsync(cli, connectionString, token, proxy.Url);
            var processes = new List<System.Diagnostics.Process>();
            foreach (var url in workers)
            {
                cli.Environment["NETRALBOT__Http__Urls"] = url;
                processes.Add(cli.StartDrained("run", "--dialogs", CliRunner.RepositoryDialogs));
            }
            try
            {
                async Task<bool> ReadyAsync(string url)
                {
                    try
                    {
                        using var response = await http.GetAsync(url + "/readyz");
                        return response.StatusCode == HttpStatusCode.OK;
                    }
                    catch (HttpRequestException)
                    {
                        return false; // not listening yet
                    }
                }
                await cli.WaitUntilAsync(async () => await ReadyAsync(workers[0]) && await ReadyAsync(workers[1]), TimeSpan.FromSeconds(60));
                var updateId = 700_000_000L;
                async Task PostAsync(string worker, long chat, string text)
                {
                    var update = new System.Text.Json.Nodes.JsonObject
                    {
                        ["update_id"] = ++updateId,
                        ["message"] = new System.Text.Json.Nodes.JsonObject
                        {
                            ["message_id"] = updateId,
                            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                            ["text"] = text,
                            ["chat"] = new System.Text.Json.Nodes.JsonObject { ["id"] = chat, ["type"] = "private", ["first_name"] = "Penguji" },
                            ["from"] = new System.Text.Json.Nodes.JsonObject { ["id"] = chat, ["is_bot"] = false, ["first_name"] = "Penguji" },
                        },
                    };
                    using var request = new HttpRequestMessage(HttpMethod.Post, worker + NetralBot.Telegram.TelegramWebhook.Path) { Content = JsonContent.Create(update) };
                    request.Headers.Add(NetralBot.Telegram.TelegramWebhook.SecretHeader, secret);
                    using var response = await http.SendAsync(request);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
                async Task<List<string>> AnswersAsync(long chat)
                {
                    var response = await http.PostAsJsonAsync($"{emulator.ApiUrl}/getUpdatesHistory", new { token });
                    return [.. System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["result"]!.AsArray()
                        .Where(h => h!["message"]?["chat_id"]?.ToString() == chat.ToString(System.Globalization.CultureInfo.InvariantCulture))
                        .Select(h => h!["message"]!["text"]!.ToString())];
                }

                // The answers one chat gets when it asks one question at a time.
                const long reference = 800;
                for (var q = 0; q < Questions.Length; q++)
                {
                    await PostAsync(workers[q % 2], reference, Questions[q]);
                    await cli.WaitUntilAsync(async () => (await AnswersAsync(reference)).Count > q, TimeSpan.FromSeconds(30));
                }
                var expected = await AnswersAsync(reference);
                Assert.Equal(Questions.Length, expected.Distinct().Count());

                // Every chat asks the same questions at once, each update to the other worker than the one before.
                for (var q = 0; q < Questions.Length; q++)
                {
                    await Task.WhenAll(Enumerable.Range(1, chats).Select(c => PostAsync(workers[(q + c) % 2], reference + c, Questions[q])));
                }
                await cli.WaitUntilAsync(async () =>
                {
                    foreach (var c in Enumerable.Range(1, chats))
                    {
                        if ((await AnswersAsync(reference + c)).Count < Questions.Length)
                        {
                            return false;
                        }
                    }
                    return true;
                }, TimeSpan.FromSeconds(90));
                await Task.Delay(TimeSpan.FromSeconds(1)); // nothing more arrives: no answer was sent twice
                foreach (var c in Enumerable.Range(1, chats))
                {
                    Assert.Equal(expected, await AnswersAsync(reference + c));
                }
                Assert.Equal(0, Unsent(connectionString));
            }
            finally
            {
                foreach (var process in processes)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                    process.Dispose();
                }
            }
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            PostgresCluster.Shared.DropDatabase(name);
        }
    }

    /// <summary>Workers on the PostgreSQL database <paramref name="connectionString"/>, serving one Telegram bot, with a key file made.</summary>
    private static async Task PrepareTelegramWorkersAsync(CliRunner cli, string connectionString, string token, string apiUrl)
    {
        cli.Environment["NETRALBOT__Storage__Provider"] = "postgres";
        cli.Environment["NETRALBOT__Storage__ConnectionString"] = connectionString;
        cli.Environment["NETRALBOT__Telegram__BotToken"] = token;
        cli.Environment["NETRALBOT__Telegram__ApiBaseUrl"] = apiUrl;
        Assert.Equal(0, (await cli.RunAsync("", "keys", "create")).ExitCode);
    }

    /// <summary><paramref name="expected"/> appears in <paramref name="actual"/> in order (other items may sit between).</summary>
    private static bool IsInOrderWithin(List<string> expected, List<string> actual)
    {
        var at = 0;
        foreach (var item in actual)
        {
            if (at < expected.Count && item == expected[at])
            {
                at++;
            }
        }
        return at == expected.Count;
    }

    private static async Task WaitReadyAsync(string url)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(url + "/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            Assert.True(DateTime.UtcNow < deadline, $"{url} did not become ready");
            await Task.Delay(250);
        }
    }

    private static int Unsent(string connectionString)
    {
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')")
            + connection.ExecuteScalar<int>("SELECT COUNT(*) FROM inbox");
    }

    private static void SeedSubscribers(string connectionString)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var database = Database.Create(StorageProvider.Postgres, connectionString);
        database.Initialize(time);
        Seed.WhatsAppSubscribers(database, Subscribers, 6281400000000L, time);
    }
}
