using System.Net;
using Dapper;
using NetralBot.Storage;
using NetralBot.Tests.Web;

namespace NetralBot.Tests.WhatsApp;

/// <summary>
/// Broadcasts on WhatsApp end to end through the Cloud API double: the 24-hour window (normal text inside it, the
/// approved template outside it, "not sent" without a template), the Graph API's error codes, and the statuses Meta
/// reports afterwards (a late 131047 falls back to the template as a refused send does).
/// </summary>
public sealed class WhatsAppBroadcastTests
{
    private const string Inside = "6281200000001";
    private const string Outside = "6281200000002";
    private const string Never = "6281200000003";
    private const string Text = "Ingat, ASN dilarang berpose dengan simbol jari.\n\nMasa tenang dimulai besok.";

    private static readonly Dictionary<string, string?> Template = new()
    {
        ["WhatsApp:BroadcastTemplate:Name"] = "pengingat_netralitas",
        ["WhatsApp:BroadcastTemplate:Language"] = "id",
    };

    /// <summary>A subscriber whose last message was <paramref name="daysAgo"/> days ago (null: never wrote).</summary>
    private static void Subscribe(WebBot bot, string waId, int? daysAgo)
    {
        using var connection = bot.Get<Database>().Open();
        var day = daysAgo is { } d ? (DateTimeOffset.UtcNow.AddDays(-d).ToUnixTimeMilliseconds() / 86_400_000 * 86_400_000) : (long?)null;
        connection.Execute("""
            INSERT INTO subscribers (channel, chat_id, language, active, subscribed_at, updated_at, last_inbound_at)
            VALUES ('whatsapp', @Id, 'id', 1, 0, 0, @Day)
            """, new { Id = waId, Day = day });
    }

    private static async Task<long> BroadcastAsync(WebBot bot)
    {
        var (id, _) = bot.Get<Broadcasts>().Create(Text, "test");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (bot.Get<Broadcasts>().GetProgress(id)!.State != "done")
        {
            Assert.True(DateTime.UtcNow < deadline, "the broadcast did not finish");
            await Task.Delay(50);
        }
        return id;
    }

    private static List<(string ChatId, string State, string? Error, string? Receipt, long Active)> Outbox(WebBot bot, long id)
    {
        using var connection = bot.Get<Database>().Open();
        return connection.Query<(string, string, string?, string?, long)>("""
            SELECT s.chat_id, o.state, o.error, o.receipt, s.active FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id
            WHERE o.broadcast_id = @Id ORDER BY s.chat_id
            """, new { Id = id }).ToList();
    }

    [Fact]
    public async Task WithoutATemplate_InsideTheWindowText_OutsideNotSent_WithTheReasonInTheDeliveryReport()
    {
        var (api, bot) = await WhatsAppReportTests.StartAsync();
        await using (api)
        await using (bot)
        {
            Subscribe(bot, Inside, 0);
            Subscribe(bot, Outside, 2);
            Subscribe(bot, Never, null);
            var id = await BroadcastAsync(bot);

            var sent = Assert.Single(api.SentMessages);
            Assert.Equal(Inside, sent.To);
            Assert.Equal("text", sent.Type);
            Assert.StartsWith(Text, sent.Text, StringComparison.Ordinal);
            Assert.Contains("/berhenti", sent.Text, StringComparison.Ordinal); // how to stop
            var rows = Outbox(bot, id);
            Assert.Equal(("sent", (string?)null), (rows[0].State, rows[0].Error));
            Assert.All(rows.Skip(1), r => Assert.Equal(("failed", "not sent: outside 24-hour window"), (r.State, r.Error)));
            Assert.Equal([("not sent: outside 24-hour window", 2L)], bot.Get<Broadcasts>().FailureReasons(id));
            Assert.All(rows, r => Assert.Equal(1, r.Active)); // still subscribed: they may write again
        }
    }

    [Fact]
    public async Task WithATemplate_OutsideTheWindow_GoesAsTheTemplate_AndA131047FallsBackToIt()
    {
        var (api, bot) = await WhatsAppReportTests.StartAsync(Template);
        await using (api)
        await using (bot)
        {
            Subscribe(bot, Inside, 0);
            Subscribe(bot, Outside, 3);
            Subscribe(bot, Never, 0);
            api.FailNext(131047, to: Never); // the window closed although the bot thought it open
            var id = await BroadcastAsync(bot);

            var inside = Assert.Single(api.SentMessages, s => s.To == Inside);
            Assert.Equal("text", inside.Type);
            foreach (var waId in new[] { Outside, Never })
            {
                var template = Assert.Single(api.SentMessages, s => s.To == waId);
                Assert.Equal("template", template.Type);
                Assert.Equal("pengingat_netralitas", (string?)template.Body["template"]!["name"]);
                Assert.Equal("id", (string?)template.Body["template"]!["language"]!["code"]);
                var parameter = template.Text;
                Assert.StartsWith("Ingat, ASN dilarang berpose dengan simbol jari. — Masa tenang dimulai besok. — ", parameter, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', parameter);
                Assert.DoesNotContain("     ", parameter, StringComparison.Ordinal);
            }
            Assert.All(Outbox(bot, id), r => Assert.Equal("sent", r.State));
        }
    }

    [Fact]
    public async Task RateErrors_AreRetried_UndeliverableAndStoppedMarketing_Unsubscribe_WithTheReason()
    {
        var (api, bot) = await WhatsAppReportTests.StartAsync();
        await using (api)
        await using (bot)
        {
            Subscribe(bot, Inside, 0);
            Subscribe(bot, Outside, 0);
            Subscribe(bot, Never, 0);
            api.FailNext(130429, to: Inside);
            api.FailNext(131056, to: Inside);
            api.FailNext(131026, to: Outside);
            api.FailNext(131050, to: Never);
            var id = await BroadcastAsync(bot);

            Assert.Single(api.SentMessages); // Inside, once, after two rate errors
            Assert.Equal(Inside, api.SentMessages[0].To);
            var rows = Outbox(bot, id);
            Assert.Equal(("sent", 1L), (rows[0].State, rows[0].Active));
            Assert.Equal(("failed", "undeliverable (WhatsApp error 131026)", 0L), (rows[1].State, rows[1].Error, rows[1].Active));
            Assert.Equal(("failed", "the person stopped marketing messages (WhatsApp error 131050)", 0L), (rows[2].State, rows[2].Error, rows[2].Active));
        }
    }

    [Fact]
    public async Task Statuses_UpdateDelivery_ByAKeyedHashOfTheMessageId_AndAreAnsweredQuickly()
    {
        var (api, bot) = await WhatsAppReportTests.StartAsync();
        await using (api)
        await using (bot)
        {
            Subscribe(bot, Inside, 0);
            Subscribe(bot, Outside, 0);
            Subscribe(bot, Never, 0);
            var id = await BroadcastAsync(bot);
            await Task.Delay(300); // the status keys are written with the results
            string Wamid(string to) => api.SentMessages.Single(s => s.To == to).Id;

            var started = System.Diagnostics.Stopwatch.StartNew();
            using (var posted = await CloudApiDouble.PostAsync(bot.BaseUrl, CloudApiDouble.Statuses(
                (Wamid(Inside), "sent", Inside, null), (Wamid(Inside), "delivered", Inside, null), (Wamid(Outside), "read", Outside, null),
                (Wamid(Outside), "delivered", Outside, null), (Wamid(Never), "failed", Never, 131026), ("wamid.UNKNOWN", "read", "628000", null))))
            {
                Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            }
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"statuses took {started.Elapsed}");

            var rows = Outbox(bot, id);
            Assert.Equal(("sent", "delivered"), (rows[0].State, rows[0].Receipt));
            Assert.Equal(("sent", "read"), (rows[1].State, rows[1].Receipt)); // a late "delivered" does not undo "read"
            Assert.Equal(("failed", "undeliverable (WhatsApp error 131026)", 0L), (rows[2].State, rows[2].Error, rows[2].Active));

            var files = WhatsAppReportTests.DatabaseFiles(bot);
            foreach (var wamid in api.SentMessages.Select(s => s.Id))
            {
                Assert.Empty(Hostile.Encodings.FoundIn(files, wamid));
            }
        }
    }

    private const string Admin = "6281200000009";

    /// <summary>Every sent message's status key is written (they follow the results by a moment).</summary>
    private static async Task WaitForStatusKeysAsync(WebBot bot, long id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using (var connection = bot.Get<Database>().Open())
            {
                if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM outbox WHERE broadcast_id = @Id AND state = 'sent' AND status_key IS NULL", new { Id = id }) == 0)
                {
                    return;
                }
            }
            Assert.True(DateTime.UtcNow < deadline, "the status keys were not written");
            await Task.Delay(50);
        }
    }

    private static async Task UntilDoneAsync(WebBot bot, long id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (bot.Get<Broadcasts>().GetProgress(id)!.State != "done")
        {
            Assert.True(DateTime.UtcNow < deadline, "the broadcast did not finish");
            await Task.Delay(50);
        }
    }

    /// <summary>The delivery report as an admin's chat gets it (the broadcast is shown there from now on).</summary>
    private static async Task<string> DeliveryReportAsync(CloudApiDouble api, WebBot bot, long id)
    {
        using (var connection = bot.Get<Database>().Open())
        {
            connection.Execute("UPDATE broadcasts SET report_channel = 'whatsapp', report_chat_id = @Admin WHERE id = @Id", new { Admin, Id = id });
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (api.SentMessages.FirstOrDefault(s => s.To == Admin && s.Text.Contains("Laporan siaran", StringComparison.Ordinal)) is { } report)
            {
                return report.Text;
            }
            Assert.True(DateTime.UtcNow < deadline, "no delivery report reached the admin");
            await Task.Delay(100);
        }
    }

    private static async Task PostStatusesAsync(WebBot bot, params (string MessageId, string Status, string Recipient, int? ErrorCode)[] statuses)
    {
        using var posted = await CloudApiDouble.PostAsync(bot.BaseUrl, CloudApiDouble.Statuses(statuses));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
    }

    [Fact]
    public async Task ALate131047_ForTextSentInsideTheWindow_SendsTheTemplateOnce_AndA131047ForTheTemplateEndsFailed()
    {
        var (api, bot) = await WhatsAppReportTests.StartAsync(new Dictionary<string, string?>(Template) { ["Broadcasts:ProgressSeconds"] = "1" });
        await using (api)
        await using (bot)
        {
            Subscribe(bot, Inside, 0);
            Subscribe(bot, Outside, 0);
            var id = await BroadcastAsync(bot);
            Assert.All(api.SentMessages, s => Assert.Equal("text", s.Type)); // both inside the window, as far as the bot knew
            await WaitForStatusKeysAsync(bot, id);
            string Wamid(string to, string type) => api.SentMessages.Single(s => s.To == to && s.Type == type).Id;

            // Meta accepted both, delivered one, and later refused the other: more than 24 h since the person wrote.
            await PostStatusesAsync(bot, (Wamid(Outside, "text"), "delivered", Outside, null), (Wamid(Inside, "text"), "failed", Inside, 131047));
            await PostStatusesAsync(bot, (Wamid(Inside, "text"), "failed", Inside, 131047)); // Meta repeats a delivery
            await api.WaitForAsync(Inside, skip: 1);
            await UntilDoneAsync(bot, id);
            await WaitForStatusKeysAsync(bot, id);

            var template = Assert.Single(api.SentMessages, s => s.To == Inside && s.Type == "template");
            Assert.Equal("pengingat_netralitas", (string?)template.Body["template"]!["name"]);
            Assert.StartsWith("Ingat, ASN dilarang berpose dengan simbol jari. — Masa tenang dimulai besok. — ", template.Text, StringComparison.Ordinal);
            Assert.Equal(2, api.SentMessages.Count(s => s.To == Inside)); // the text, then the template once
            Assert.Single(api.SentMessages, s => s.To == Outside); // delivered: never again
            Assert.Equal(new (string, string?)[] { ("sent", null), ("sent", "delivered") }, Outbox(bot, id).Select(r => (r.State, r.Receipt)));
            var report = await DeliveryReportAsync(api, bot, id);
            Assert.Contains("2 terkirim · ⚠️ 0 tidak terkirim", report, StringComparison.Ordinal);

            // The template refused with 131047 as well: failed with the reason, and nothing is sent again.
            await PostStatusesAsync(bot, (Wamid(Inside, "template"), "failed", Inside, 131047));
            await Task.Delay(1500); // longer than the sender's idle pause: a message put back would have gone by now
            Assert.Equal(2, api.SentMessages.Count(s => s.To == Inside));
            var rows = Outbox(bot, id);
            Assert.Equal(("failed", "not sent: outside 24-hour window (WhatsApp error 131047)"), (rows[0].State, rows[0].Error));
            Assert.Equal("done", bot.Get<Broadcasts>().GetProgress(id)!.State);

            var files = WhatsAppReportTests.DatabaseFiles(bot);
            foreach (var wamid in api.SentMessages.Select(s => s.Id))
            {
                Assert.Empty(Hostile.Encodings.FoundIn(files, wamid));
            }
        }
    }

    [Fact]
    public async Task ALate131047_WithoutATemplate_IsReportedAsOutsideTheWindow_AndNotSentAgain()
    {
        var (api, bot) = await WhatsAppReportTests.StartAsync(new Dictionary<string, string?> { ["Broadcasts:ProgressSeconds"] = "1" });
        await using (api)
        await using (bot)
        {
            Subscribe(bot, Inside, 0);
            var id = await BroadcastAsync(bot);
            await WaitForStatusKeysAsync(bot, id);
            var text = Assert.Single(api.SentMessages);

            await PostStatusesAsync(bot, (text.Id, "failed", Inside, 131047));
            await UntilDoneAsync(bot, id);

            Assert.Single(api.SentMessages, s => s.To == Inside);
            Assert.Equal(new (string, string?)[] { ("failed", "not sent: outside 24-hour window") }, Outbox(bot, id).Select(r => (r.State, r.Error)));
            var report = await DeliveryReportAsync(api, bot, id);
            Assert.Contains("0 terkirim · ⚠️ 1 tidak terkirim", report, StringComparison.Ordinal);
            Assert.Contains("pesan terakhir orangnya lebih dari 24 jam lalu", report, StringComparison.Ordinal);
            Assert.Single(api.SentMessages, s => s.To == Inside);
        }
    }

    [Fact]
    public async Task TokenError190_IsLoggedOnce_AndTheChannelIsNotReady()
    {
        var (api, bot) = await WhatsAppReportTests.StartAsync();
        await using (api)
        await using (bot)
        {
            using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
            api.FailNext(190, times: 2, status: 401);
            foreach (var (waId, n) in new[] { ("6281277770001", 1), ("6281277770002", 2) })
            {
                using var posted = await CloudApiDouble.PostAsync(bot.BaseUrl, CloudApiDouble.Delivery(waId, "wamid.T" + n, CloudApiDouble.TextContent("halo")));
            }
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (api.Refused.Count < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            await Task.Delay(200);
            using var ready = await http.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Single(bot.Logs.GetSnapshot(), r => r.Message.Contains("error 190", StringComparison.Ordinal) && r.Level == Microsoft.Extensions.Logging.LogLevel.Critical);

            // A new token (here: the double accepting again) makes the channel ready with the next send.
            using (var posted = await CloudApiDouble.PostAsync(bot.BaseUrl, CloudApiDouble.Delivery("6281277770003", "wamid.T3", CloudApiDouble.TextContent("halo")))) { }
            await api.WaitForAsync("6281277770003");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        }
    }

    [Fact]
    public async Task ServerErrors_AreRetried_ByTheResiliencePipeline_AndA470ClassErrorUnsubscribes()
    {
        var (api, bot) = await WhatsAppReportTests.StartAsync();
        await using (api)
        await using (bot)
        {
            Subscribe(bot, Inside, 0);
            Subscribe(bot, Outside, 0);
            api.FailNext(2, times: 2, to: Inside, status: 500); // Graph's "service temporarily unavailable", twice
            api.FailNext(470, to: Outside);
            var id = await BroadcastAsync(bot);

            Assert.Equal(2, api.Refused.Count(r => (string?)r["to"] == Inside));
            Assert.Single(api.SentMessages, s => s.To == Inside);
            var rows = Outbox(bot, id);
            Assert.Equal(("sent", 1L), (rows[0].State, rows[0].Active));
            Assert.Equal(("failed", "HTTP 400, WhatsApp error 470", 0L), (rows[1].State, rows[1].Error, rows[1].Active));
        }
    }
}
