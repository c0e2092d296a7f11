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
            using (var connection = bot.Get<Database>().Open())
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

    [Fact]
    public async Task APhotoCaptionedSiaran_GoesToEachSubscriberAsAnImageWithTheCaption_UploadedOnce_WithoutItsMetadata()
    {
        var (api, bot) = await WhatsAppReportTests.StartAsync(new Dictionary<string, string?> { ["Admins:Users:0"] = "whatsapp:" + Admin });
        await using (api)
        await using (bot)
        {
            var subscribers = new[] { "6281299990011", "6281299990012", "6281299990013" };
            using (var connection = bot.Get<Database>().Open())
            {
                var today = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 86_400_000 * 86_400_000;
                foreach (var waId in subscribers)
                {
                    connection.Execute("""
                        INSERT INTO subscribers (channel, chat_id, language, active, subscribed_at, updated_at, last_inbound_at)
                        VALUES ('whatsapp', @Id, 'id', 1, 0, 0, @Today)
                        """, new { Id = waId, Today = today });
                }
            }
            api.AddMedia("admin-photo", EvidenceTests.PhotoWithGpsAndCamera(), "image/jpeg");
            var admin = new WhatsAppPerson(api, bot.BaseUrl, Admin);
            var preview = await admin.PostAsync(CloudApiDouble.ImageContent("admin-photo", "/siaran Ingat: dilarang berpose dengan simbol jari."));
            Assert.Equal("image", preview[0].Type); // the admin sees it as subscribers will
            var choices = preview.Last(s => s.InteractiveType is not null);
            await admin.TapAsync(choices.ChoiceIds[choices.ChoiceTitles.ToList().FindIndex(t => t.Contains("Kirim", StringComparison.Ordinal))]);

            foreach (var waId in subscribers)
            {
                var picture = Assert.Single(await api.WaitForAsync(waId));
                Assert.Equal("image", picture.Type);
                Assert.StartsWith("Ingat: dilarang berpose dengan simbol jari.", picture.Text, StringComparison.Ordinal);
            }
            var broadcastUpload = (string)api.SentMessages.First(s => s.To == subscribers[0]).Body["image"]!["id"]!;
            Assert.All(subscribers, waId => Assert.Equal(broadcastUpload, (string?)api.SentMessages.First(s => s.To == waId).Body["image"]!["id"]));
            Assert.Equal(2, api.Uploads.Count); // the preview's and the broadcast's: once each, not once per subscriber
            var uploaded = System.Text.Encoding.Latin1.GetString(api.MediaBytes(broadcastUpload));
            Assert.DoesNotContain("GPS", uploaded, StringComparison.Ordinal);
            Assert.DoesNotContain("Model-X1", uploaded, StringComparison.Ordinal);
            Assert.All(api.SentMessages, s => Assert.Empty(CloudApiShapes.Problems(s.Body)));
        }
    }

    [Fact]
    public async Task TipExport_IsNotUploadedToMeta_TheAdminIsToldWhereToGetIt()
    {
        var (api, bot) = await WhatsAppReportTests.StartAsync(new Dictionary<string, string?> { ["Admins:Users:0"] = "whatsapp:" + Admin });
        await using (api)
        await using (bot)
        {
            var admin = new WhatsAppPerson(api, bot.BaseUrl, Admin);
            var reply = await admin.SayAsync("/tipexport");
            var text = string.Concat(reply.Select(s => s.Text));
            Assert.Contains("Ekspor 0 laporan", text, StringComparison.Ordinal);
            Assert.Contains("tidak dikirim lewat WhatsApp", text, StringComparison.Ordinal);
            Assert.Empty(api.Uploads);
            Assert.All(reply, s => Assert.Equal("text", s.Type));
        }
    }
}
