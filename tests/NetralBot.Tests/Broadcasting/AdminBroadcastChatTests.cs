using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NetralBot.Channels;
using NetralBot.Core.Conversations;
using NetralBot.Storage;

namespace NetralBot.Tests.Broadcasting;

/// <summary>An admin composing a broadcast in chat: segment, picture, preview count, progress in place, delivery report.</summary>
public class AdminBroadcastChatTests
{
    private static TestBot NewBot(FakeSender fake) =>
        new(settings: new Dictionary<string, string?>
        {
            ["Admins:Users:0"] = "telegram:900",
            ["Broadcasts:ProgressSeconds"] = "1",
            ["Broadcasts:Concurrency"] = "1",
        }, services: s => s.AddSingleton<IMessageSender>(fake));

    private static async Task<StepOutcome> AdminAsync(TestBot bot, string? text, string? payload = null) =>
        await bot.SendAsync("admin-chat", text, payload, sender: "900");

    private static Button ButtonStartingWith(StepOutcome outcome, string label) =>
        outcome.Replies[^1].Buttons.First(b => b.Label.StartsWith(label, StringComparison.Ordinal));

    [Fact]
    public async Task Admin_NarrowsToASegment_SeesTheCountFollow_AndCannotSendToNobody()
    {
        var fake = new FakeSender();
        using var bot = NewBot(fake);
        await bot.SubscribeAsync("601", regency: 0, agency: 0);   // Kota Yogyakarta · Dinas Pendidikan dan sekolah
        await bot.SubscribeAsync("602", regency: 0, agency: 1);   // Kota Yogyakarta · Dinas Kesehatan dan Puskesmas
        await bot.SubscribeAsync("603", regency: 1, agency: 0);   // Kabupaten Sleman · Dinas Pendidikan dan sekolah

        var preview = await AdminAsync(bot, "/siaran Guru ASN: jangan ikut kampanye di jam kerja.");
        Assert.Contains("3 pelanggan", preview.Replies[0].Text, StringComparison.Ordinal);

        var regencies = await AdminAsync(bot, null, ButtonStartingWith(preview, "🏙️").Payload);
        Assert.Contains(regencies.Replies[0].Buttons, b => b.Label == "Kota Yogyakarta (2)");
        var kota = await AdminAsync(bot, null, regencies.Replies[0].Buttons.First(b => b.Label.StartsWith("Kota Yogyakarta", StringComparison.Ordinal)).Payload);
        Assert.Contains("2 pelanggan", kota.Replies[0].Text, StringComparison.Ordinal);
        Assert.Contains("kab/kota: Kota Yogyakarta", kota.Replies[0].Text, StringComparison.Ordinal);

        var agencies = await AdminAsync(bot, null, ButtonStartingWith(kota, "🏢").Payload);
        Assert.Contains(agencies.Replies[0].Buttons, b => b.Label == "Dinas Pendidikan dan sekolah (1)");
        Assert.Contains(agencies.Replies[0].Buttons, b => b.Label == "Inspektorat (0)");
        var nobody = await AdminAsync(bot, null, agencies.Replies[0].Buttons.First(b => b.Label.StartsWith("Inspektorat", StringComparison.Ordinal)).Payload);
        Assert.Contains("0 pelanggan", nobody.Replies[0].Text, StringComparison.Ordinal);
        var refused = await AdminAsync(bot, null, nobody.Replies[0].Buttons[0].Payload);
        Assert.Contains("belum ada pelanggan aktif", refused.Replies[0].Text, StringComparison.OrdinalIgnoreCase);

        var teachers = await AdminAsync(bot, null, ButtonStartingWith(refused, "🏢").Payload);
        var final = await AdminAsync(bot, null, teachers.Replies[0].Buttons.First(b => b.Label.StartsWith("Dinas Pendidikan", StringComparison.Ordinal)).Payload);
        Assert.Contains("1 pelanggan", final.Replies[0].Text, StringComparison.Ordinal);
        var queued = await AdminAsync(bot, null, final.Replies[0].Buttons[0].Payload);
        Assert.Contains("untuk 1 pelanggan", queued.Replies[0].Text, StringComparison.Ordinal);

        using var connection = bot.Get<Database>().Open();
        Assert.Equal(["601"], connection.Query<string>("SELECT s.chat_id FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id"));
    }

    [Fact]
    public async Task CaptionedPhoto_BecomesAPictureBroadcast_WithoutItsMetadata()
    {
        var fake = new FakeSender();
        using var bot = NewBot(fake);
        await bot.SubscribeAsync("611");
        var photo = EvidenceTests.PhotoWithGpsAndCamera();

        var preview = await bot.Conversations.HandleAsync(new InboundMessage("telegram", "admin-chat", "/siaran Ingat: dilarang berpose dengan simbol jari.",
            SenderId: "900", Attachment: new Attachment("photo.jpg", "image/jpeg", photo)));
        Assert.NotNull(preview.Replies[0].Image);
        await AdminAsync(bot, null, preview.Replies[0].Buttons[0].Payload);

        var stored = bot.Get<Broadcasts>().Image(bot.Get<Broadcasts>().Recent(1)[0].Id)!;
        Assert.DoesNotContain("GPS", System.Text.Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        Assert.DoesNotContain("Model-X1", System.Text.Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        await bot.StartAsync();
        await WaitAsync(() => fake.Sent.Any(m => m.Traffic == Traffic.Bulk));
        await bot.StopAsync();
        var sent = fake.Sent.Single(m => m.Traffic == Traffic.Bulk);
        Assert.True(sent.HasImage);
        Assert.StartsWith("Ingat: dilarang berpose", sent.Text, StringComparison.Ordinal);

        var notAPicture = await bot.Conversations.HandleAsync(new InboundMessage("telegram", "admin-chat", "/siaran teks",
            SenderId: "900", Attachment: new Attachment("x.pdf", "application/pdf", "%PDF-1.4"u8.ToArray())));
        Assert.Contains("tidak bisa dipakai", notAPicture.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhileSending_OneProgressMessageIsEditedInPlace_ThenADeliveryReportWithReasons()
    {
        var fake = new FakeSender { Delay = TimeSpan.FromMilliseconds(120) };
        using var bot = NewBot(fake);
        for (var i = 0; i < 25; i++)
        {
            await bot.SubscribeAsync("62" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        }
        fake.Block("6200");
        fake.FailTimes("6201", 99);
        fake.TimeOutTimes("6202", 99);

        var preview = await AdminAsync(bot, "/siaran Masa tenang dimulai besok pukul 00.00.");
        await AdminAsync(bot, null, preview.Replies[0].Buttons[0].Payload);
        await bot.StartAsync();
        await WaitAsync(() => fake.Sent.Any(m => m.ChatId == "admin-chat" && m.Text.Contains("Laporan siaran", StringComparison.Ordinal)), seconds: 40);
        await bot.StopAsync();

        var toAdmin = fake.Sent.Where(m => m.ChatId == "admin-chat").ToList();
        Assert.Equal(2, toAdmin.Count); // one progress message (then only edits) and the final report
        Assert.All(toAdmin, m => Assert.Equal(Traffic.Reply, m.Traffic));
        var progressId = toAdmin[0].MessageId;
        Assert.Contains("tersisa", toAdmin[0].Text, StringComparison.Ordinal);
        var edits = fake.Edited.Where(e => e.ChatId == "admin-chat").ToList();
        Assert.NotEmpty(edits);
        Assert.All(edits, e => Assert.Equal(progressId, e.MessageId));
        Assert.Contains("0 tersisa", edits[^1].Text, StringComparison.Ordinal);
        Assert.Contains("pesan/detik", edits[0].Text, StringComparison.Ordinal);

        var report = toAdmin[1].Text;
        Assert.Contains("22 terkirim", report, StringComparison.Ordinal);
        Assert.Contains("3 tidak terkirim", report, StringComparison.Ordinal);
        Assert.Contains("memblokir bot", report, StringComparison.Ordinal);
        Assert.Contains("502 injected: 1", report, StringComparison.Ordinal);
        Assert.Contains("TaskCanceledException: 1", report, StringComparison.Ordinal);
    }

    private static async Task WaitAsync(Func<bool> condition, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.True(condition(), "timed out");
    }
}
