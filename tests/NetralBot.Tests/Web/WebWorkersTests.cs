using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using NetralBot.Storage;
using NetralBot.Web;

namespace NetralBot.Tests.Web;

/// <summary>
/// Web chat conversations live in the database: a conversation started on one worker goes on (polling and a stream)
/// on another worker over the same PostgreSQL, survives restarts, and web subscribers receive broadcasts there.
/// </summary>
public class WebWorkersTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Conversation_StartedOnOneWorker_GoesOnOnAnother_ByPollingAndByStream_InOrder()
    {
        await using var first = await new WebBot(provider: StorageProvider.Postgres).StartAsync();
        await using var second = await first.AnotherWorkerAsync();
        using var chat = await new DirectLineClient(first.BaseUrl).StartAsync();
        var asked = await chat.SayAsync("boleh foto sama paslon?");
        var answer = await chat.WaitForReplyToAsync(asked);

        // The next poll reaches the other worker: nothing seen is sent again, and the conversation goes on there.
        chat.MoveTo(second.BaseUrl);
        var (status, body) = await chat.GetActivitiesAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body!["activities"]!.AsArray());
        var menu = await chat.WaitForReplyToAsync(await chat.SayAsync("/menu"));
        Assert.StartsWith("**Menu**", (string)menu["text"]!, StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal((string)menu["id"]!, (string)answer["id"]!) > 0);

        // A stream open on the second worker receives what the first worker appends: the user's messages and the
        // answers, each once, in order.
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(chat.StreamUrl + "&watermark=" + chat.Watermark), CancellationToken.None);
        chat.MoveTo(first.BaseUrl);
        var questions = new[] { "min asn boleh ngelike postingan caleg ga?", "boleh dateng kampanye pas cuti?", "boleh jadi saksi tps?" };
        var clock = Stopwatch.StartNew();
        var asks = new List<string>();
        foreach (var question in questions)
        {
            asks.Add(await chat.SayAsync(question));
        }
        var streamed = new List<JsonObject>();
        TimeSpan? firstEcho = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[256 * 1024];
        while (!asks.All(a => streamed.Any(s => (string?)s["replyToId"] == a && (string?)s["type"] == "message")))
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            var frame = Encoding.UTF8.GetString(buffer, 0, result.Count);
            if (frame.Length > 0)
            {
                streamed.AddRange(JsonNode.Parse(frame)!["activities"]!.AsArray().Select(a => a!.AsObject()));
                firstEcho ??= streamed.Any(s => (string?)s["id"] == asks[0]) ? clock.Elapsed : null;
            }
        }
        var ids = streamed.Select(s => (string)s["id"]!).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count); // each once
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids); // in order
        Assert.Equal(asks, ids.Where(asks.Contains)); // the user's messages, as they were posted
        var replies = streamed.Where(s => (string?)s["type"] == "message" && (string?)s["from"]?["role"] == "bot").Select(s => (string?)s["replyToId"] ?? "").Distinct().ToList();
        Assert.Equal(asks, replies); // answered in the order asked
        Assert.DoesNotContain(streamed, s => (string?)s["id"] == (string)menu["id"]!); // the stream started after it
        output.WriteLine($"first echo on the other worker's stream after {firstEcho?.TotalMilliseconds:F0} ms; three answers after {clock.Elapsed.TotalMilliseconds:F0} ms");

        // A client polling the second worker from its old watermark gets the same activities in the same order.
        chat.MoveTo(second.BaseUrl);
        var (_, polled) = await chat.GetActivitiesAsync();
        Assert.Equal(ids, polled!["activities"]!.AsArray().Select(a => (string)a!["id"]!).Take(ids.Count));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Conversation_SurvivesARestart_WithItsRecentActivities(StorageProvider provider)
    {
        var bot = await new WebBot(provider: provider).StartAsync();
        using var chat = await new DirectLineClient(bot.BaseUrl).StartAsync();
        var asked = await chat.SayAsync("boleh foto sama paslon?");
        var answer = await chat.WaitForReplyToAsync(asked);

        bot = await bot.RestartAsync();
        await using (bot)
        {
            // A client that lost its watermark (a reloaded page) gets the conversation back from the database.
            var (status, body) = await chat.GetActivitiesAsync(watermark: "");
            Assert.Equal(HttpStatusCode.OK, status);
            var ids = body!["activities"]!.AsArray().Select(a => (string)a!["id"]!).ToList();
            Assert.Contains(asked, ids);
            Assert.Contains((string)answer["id"]!, ids);
            Assert.True(ids.IndexOf(asked) < ids.IndexOf((string)answer["id"]!));
            var after = await chat.WaitForReplyToAsync(await chat.SayAsync("/menu"));
            Assert.True(string.CompareOrdinal((string)after["id"]!, (string)answer["id"]!) > 0);
        }
    }

    [Fact]
    public async Task WebSubscriber_ReceivesABroadcast_SentByAnotherWorker_AfterTheFirstStopped()
    {
        var settings = new Dictionary<string, string?> { ["Broadcasts:Concurrency"] = "1" };
        await using var first = await new WebBot(settings: settings, provider: StorageProvider.Postgres).StartAsync();
        using var chat = await new DirectLineClient(first.BaseUrl).StartAsync();
        var regencies = await chat.WaitForReplyToAsync(await chat.SayAsync("/langganan"));
        var agencies = await chat.WaitForReplyToAsync(await chat.TapAsync(DirectLineClient.Actions(regencies)[0].Value));
        var subscribed = await chat.WaitForReplyToAsync(await chat.TapAsync(DirectLineClient.Actions(agencies)[0].Value));
        Assert.Contains("berlangganan", (string)subscribed["text"]!, StringComparison.Ordinal);
        await first.StopAsync();

        await using var second = await first.AnotherWorkerAsync();
        second.Get<Broadcasts>().Create("Ingat, ASN dilarang berpose dengan simbol jari.", "test");
        chat.MoveTo(second.BaseUrl);
        var broadcast = await chat.WaitForBotAsync(a => ((string?)a["text"])?.Contains("simbol jari", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30));
        Assert.Null(broadcast["replyToId"]);
    }

    [Fact]
    public async Task WebSubscriber_WhoseConversationWasForgotten_IsUnsubscribed_AndTheDeliveryFailsAsExpired()
    {
        await using var bot = await new WebBot(settings: new Dictionary<string, string?> { ["Broadcasts:Concurrency"] = "1" }).StartAsync();
        using var chat = await new DirectLineClient(bot.BaseUrl).StartAsync();
        var regencies = await chat.WaitForReplyToAsync(await chat.SayAsync("/langganan"));
        var agencies = await chat.WaitForReplyToAsync(await chat.TapAsync(DirectLineClient.Actions(regencies)[0].Value));
        await chat.WaitForReplyToAsync(await chat.TapAsync(DirectLineClient.Actions(agencies)[0].Value));

        // Nobody used the conversation for longer than WebChat:ConversationIdleMinutes: the sweep forgets it.
        using (var connection = bot.Get<Database>().Open())
        {
            connection.Execute("UPDATE web_conversations SET last_used = 0");
        }
        Assert.Equal(1, bot.Get<WebActivities>().Sweep(DateTimeOffset.UtcNow.AddMinutes(-1)));

        var (id, recipients) = bot.Get<Broadcasts>().Create("Ingat, ASN dilarang berpose dengan simbol jari.", "test");
        Assert.Equal(1, recipients);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        (string State, string? Error) delivery = default;
        while (DateTime.UtcNow < deadline)
        {
            using var connection = bot.Get<Database>().Open();
            delivery = connection.QuerySingle<(string, string?)>("SELECT state, error FROM outbox WHERE broadcast_id = @Id", new { Id = id });
            if (delivery.State == "failed")
            {
                break;
            }
            await Task.Delay(100);
        }
        Assert.Equal(("failed", WebChatSender.ExpiredReason), delivery);
        using (var connection = bot.Get<Database>().Open())
        {
            Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM subscribers WHERE channel = 'web' AND active = TRUE"));
            Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM web_activities"));
        }

        // The conversation itself starts again if the visitor comes back, with watermarks that still only grow.
        var before = chat.Watermark;
        var again = await chat.WaitForReplyToAsync(await chat.SayAsync("/menu"));
        Assert.DoesNotContain(chat.Received, a => ((string?)a["text"])?.Contains("simbol jari", StringComparison.Ordinal) == true);
        Assert.True(long.Parse(chat.Watermark, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(before, System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("**Menu**", (string)again["text"]!, StringComparison.Ordinal);
    }
}
