using Dapper;
using NetralBot.Storage;

namespace NetralBot.Tests.WhatsApp;

/// <summary>An admin configured as whatsapp:&lt;wa_id&gt; uses the same commands and buttons as elsewhere.</summary>
public sealed class WhatsAppAdminTests
{
    private const string Admin = "6281299990000";

    [Fact]
    public async Task Siaran_ThenKirim_ReachesTheSubscribers_AndTheAdminGetsTheDeliveryReport_WithTheWindowReason()
    {
        var (api, bot) = await WhatsAppReportTests.StartAsync(new Dictionary<string, string?>
        {
            ["Admins:Users:0"] = "whatsapp:" + Admin,
            ["Broadcasts:ProgressSeconds"] = "1",
        });
        await using (api)
        await using (bot)
        {
            var reader = new WhatsAppPerson(api, bot.BaseUrl, "6281299990001");
            await reader.SayAsync("/langganan");
            for (var i = 0; i < 3 && bot.Get<Subscriptions>().ActiveCount() == 0; i++)
            {
                await reader.SayAsync("1"); // the first kabupaten/kota, then the first agency, by number
            }
            Assert.Equal(1, bot.Get<Subscriptions>().ActiveCount());
            using (var connection = bot.Get<SqliteDatabase>().Open())
            {
                connection.Execute("""
                    INSERT INTO subscribers (channel, chat_id, language, active, subscribed_at, updated_at, last_inbound_at)
                    VALUES ('whatsapp', '6281299990002', 'id', 1, 0, 0, 0)
                    """); // wrote long ago: outside the window
            }

            var stranger = new WhatsAppPerson(api, bot.BaseUrl, "6281299990003");
            Assert.DoesNotContain("Pratinjau siaran", string.Concat((await stranger.SayAsync("/siaran Halo semua")).Select(s => s.Text)), StringComparison.Ordinal);

            var admin = new WhatsAppPerson(api, bot.BaseUrl, Admin);
            var preview = await admin.SayAsync("/siaran Besok masa tenang dimulai. ASN tetap netral.");
            var previewText = string.Concat(preview.Select(s => s.Text));
            Assert.Contains("*Pratinjau siaran*", previewText, StringComparison.Ordinal);
            Assert.Contains("2 pelanggan", previewText, StringComparison.Ordinal);
            var choices = preview.Last(s => s.InteractiveType is not null);
            var send = choices.ChoiceIds[choices.ChoiceTitles.ToList().FindIndex(t => t.Contains("Kirim", StringComparison.Ordinal))];
            var queued = await admin.TapAsync(send);
            Assert.Contains("masuk antrean untuk 2 pelanggan", string.Concat(queued.Select(s => s.Text)), StringComparison.Ordinal);

            var received = await api.WaitForAsync(reader.WaId, skip: api.SentMessages.Count(s => s.To == reader.WaId) - 1, count: 1);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!api.SentMessages.Any(s => s.To == Admin && s.Text.Contains("Sebab tidak terkirim", StringComparison.Ordinal)))
            {
                Assert.True(DateTime.UtcNow < deadline, "no delivery report reached the admin");
                await Task.Delay(100);
            }
            Assert.Contains(api.SentMessages, s => s.To == reader.WaId && s.Text.StartsWith("Besok masa tenang dimulai. ASN tetap netral.", StringComparison.Ordinal));
            var report = api.SentMessages.Last(s => s.To == Admin).Text;
            Assert.Contains("1 terkirim", api.SentMessages.Where(s => s.To == Admin).Select(s => s.Text).Last(t => t.Contains("terkirim", StringComparison.Ordinal)), StringComparison.Ordinal);
            Assert.Contains("lebih dari 24 jam lalu", report, StringComparison.Ordinal);
            Assert.DoesNotContain(api.SentMessages, s => s.To == "6281299990002");
            // Progress is not edited on WhatsApp (no edits there): the admin gets no flood of progress messages.
            Assert.True(api.SentMessages.Count(s => s.To == Admin) <= 6, string.Join("\n---\n", api.SentMessages.Where(s => s.To == Admin).Select(s => s.Text)));
        }
    }
}
