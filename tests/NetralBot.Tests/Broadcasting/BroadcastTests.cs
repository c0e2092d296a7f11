using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NetralBot.Channels;
using NetralBot.Storage;

namespace NetralBot.Tests.Broadcasting;

/// <summary>Subscriptions and the outbox-driven broadcast sender, through the program's wiring and a real SQLite file.</summary>
public class BroadcastTests
{
    private static TestBot NewBot(FakeSender fake, string? folder = null) =>
        new(folder, null,
            services => services.AddSingleton<IMessageSender>(fake));

    private static async Task<Broadcasts.Progress> WaitUntilDoneAsync(TestBot bot, long id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        Broadcasts.Progress progress;
        do
        {
            await Task.Delay(50);
            progress = bot.Get<Broadcasts>().GetProgress(id)!;
        }
        while (progress.Pending > 0 && DateTime.UtcNow < deadline);
        return progress;
    }

    [Fact]
    public async Task Broadcast_ReachesEveryActiveSubscriber_OnceEach_WithHowToStop()
    {
        var fake = new FakeSender();
        using var bot = NewBot(fake);
        foreach (var chat in new[] { "101", "102", "103" })
        {
            Assert.Contains("berlangganan", (await bot.SubscribeAsync(chat)).Replies[0].Text, StringComparison.Ordinal);
        }
        Assert.Contains("berhenti", (await bot.SendAsync("103", "/berhenti")).Replies[0].Text, StringComparison.Ordinal);

        var (id, recipients) = bot.Get<Broadcasts>().Create("Ingat, ASN dilarang berpose dengan simbol jari.", "test");
        Assert.Equal(2, recipients);
        await bot.StartAsync();
        var progress = await WaitUntilDoneAsync(bot, id);
        await bot.StopAsync();

        Assert.Equal((2L, 0L, 0L), (progress.Sent, progress.Failed, progress.Pending));
        Assert.Equal("done", progress.State);
        Assert.Equal(["101", "102"], fake.Sent.Select(s => s.ChatId).Order());
        Assert.All(fake.Sent, s => Assert.EndsWith("Ketik /berhenti untuk berhenti menerima pengingat.", s.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BlockedAndFailing_AreReported_RetriesAreBounded()
    {
        var fake = new FakeSender();
        using var bot = NewBot(fake);
        foreach (var chat in new[] { "201", "202", "203" })
        {
            await bot.SubscribeAsync(chat);
        }
        fake.Block("201");
        fake.FailTimes("202", 2);   // recovers on the third attempt
        fake.FailTimes("203", 99);  // never recovers
        var (id, _) = bot.Get<Broadcasts>().Create("Besok masa tenang dimulai.", "test");
        await bot.StartAsync();
        var progress = await WaitUntilDoneAsync(bot, id);
        await bot.StopAsync();

        Assert.Equal((1L, 2L), (progress.Sent, progress.Failed));
        using var connection = bot.Get<Database>().Open();
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT active FROM subscribers WHERE chat_id = '201'"));
        Assert.Equal("502 injected", connection.ExecuteScalar<string>("SELECT error FROM outbox WHERE subscriber_id = (SELECT id FROM subscribers WHERE chat_id = '203')"));
        Assert.Equal(3, connection.ExecuteScalar<int>("SELECT attempts FROM outbox WHERE subscriber_id = (SELECT id FROM subscribers WHERE chat_id = '203')"));
    }

    [Fact]
    public async Task Restart_ResumesTheBroadcast_AndResendsOnlyWhatWasInFlight()
    {
        var fake = new FakeSender();
        string folder;
        long id;
        using (var first = NewBot(fake))
        {
            folder = first.Folder;
            for (var chat = 300; chat < 310; chat++)
            {
                await first.SubscribeAsync(chat.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            (id, _) = first.Get<Broadcasts>().Create("Pengingat netralitas.", "test");
            var inFlight = first.Get<Broadcasts>().ClaimNext(3); // the process dies with these three in flight
            Assert.Equal(3, inFlight.Count);
        }

        using var second = NewBot(fake, folder);
        await second.StartAsync();
        var progress = await WaitUntilDoneAsync(second, id);
        await second.StopAsync();
        Assert.Equal(10, progress.Sent);
        Assert.Equal(10, fake.Sent.Select(s => s.ChatId).Distinct().Count());
        Assert.Equal(10, fake.Sent.Count); // nothing had gone out before the "crash", so nothing is doubled here
    }

    [Fact]
    public async Task Subscribers_AreTheOnlyRawChatIds_AndTipsNeverReferenceThem()
    {
        var fake = new FakeSender();
        using var bot = NewBot(fake);
        await bot.SubscribeAsync("5550009999");
        using var connection = bot.Get<Database>().Open();
        var tipColumns = connection.Query<string>("SELECT name FROM pragma_table_info('tips')").ToList();
        Assert.DoesNotContain(tipColumns, c => c.Contains("subscriber", StringComparison.Ordinal) || c.Contains("chat", StringComparison.Ordinal));
        Assert.Equal("5550009999", connection.ExecuteScalar<string>("SELECT chat_id FROM subscribers"));
    }

    [Fact]
    public async Task Admin_PreviewsThenSendsFromChat_OthersCannot()
    {
        var fake = new FakeSender();
        using var bot = new TestBot(settings: new Dictionary<string, string?> { ["Admins:Users:0"] = "telegram:900" },
            services: s => s.AddSingleton<IMessageSender>(fake));
        await bot.SubscribeAsync("401");
        await bot.SubscribeAsync("402");

        var intruder = await bot.SendAsync("666", "/siaran halo semua", sender: "666");
        Assert.Equal((await bot.SendAsync("666", "/perintahngawur", sender: "666")).Replies[0].Text, intruder.Replies[0].Text);

        var preview = (await bot.SendAsync("admin", "/siaran Besok masa tenang dimulai.\nJaga netralitas!", sender: "900")).Replies.Single();
        Assert.Contains("2 pelanggan", preview.Text, StringComparison.Ordinal);
        Assert.Contains("Jaga netralitas!", preview.Text, StringComparison.Ordinal);
        var send = preview.Buttons.First().Payload;

        var stolen = await bot.SendAsync("666", null, send, sender: "666");
        Assert.DoesNotContain("antrean", stolen.Replies[0].Text, StringComparison.Ordinal);

        var queued = (await bot.SendAsync("admin", null, send, sender: "900")).Replies.Single();
        Assert.Contains("untuk 2 pelanggan", queued.Text, StringComparison.Ordinal);
        Assert.Contains("tidak berlaku", (await bot.SendAsync("admin", null, send, sender: "900")).Replies.Single().Text, StringComparison.Ordinal); // no double send

        await bot.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (fake.Sent.Count(m => m.Traffic == Traffic.Bulk) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        await bot.StopAsync();
        Assert.Equal(["401", "402"], fake.Sent.Where(m => m.Traffic == Traffic.Bulk).Select(m => m.ChatId).Order());
        Assert.Contains("2 terkirim", (await bot.SendAsync("admin", "/siaranlist", sender: "900")).Replies.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segment_ReachesOnlyThoseWhoChoseIt()
    {
        var fake = new FakeSender();
        using var bot = NewBot(fake);
        var content = bot.Get<NetralBot.Dialogs.DialogsProvider>().Current;
        await bot.SubscribeAsync("501", regency: 0, agency: 0);   // Kota Yogyakarta, Dinas Pendidikan dan sekolah
        await bot.SubscribeAsync("502", regency: 0, agency: 1);   // Kota Yogyakarta, Dinas Kesehatan dan Puskesmas
        await bot.SubscribeAsync("503", regency: 1, agency: 0);   // Kabupaten Sleman, Dinas Pendidikan dan sekolah
        await bot.SubscribeAsync("504");                            // skipped both

        var (_, kota) = bot.Get<Broadcasts>().Create("Untuk Kota Yogyakarta.", "test", regency: content.Regencies[0]);
        var (_, guru) = bot.Get<Broadcasts>().Create("Untuk Dinas Pendidikan.", "test", agency: content.Agencies[0]);
        var (_, semua) = bot.Get<Broadcasts>().Create("Untuk semua.", "test");
        Assert.Equal((2, 2, 4), (kota, guru, semua));
        Assert.Equal(2, bot.Get<Subscriptions>().ActiveCount(content.Regencies[0]));
    }
}
