using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Broadcasting;
using NetralBot.Channels;
using NetralBot.Core.Conversations;
using NetralBot.Storage;

namespace NetralBot.Tests.Broadcasting;

/// <summary>A broadcast an admin schedules for one moment (/siaranjadwal): previewed, started on time, once; missed when too late.</summary>
public class ScheduledBroadcastTests
{
    private static readonly DateTimeOffset SundayMorningUtc = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);   // 10:00 WIB, 11:00 WITA

    private static TestBot NewBot(FakeTimeProvider time, FakeSender fake, string? folder = null) =>
        new(folder, new Dictionary<string, string?> { ["Admins:Users:0"] = "telegram:900" },
            s => s.AddSingleton<TimeProvider>(time).AddSingleton<IMessageSender>(fake));

    private static async Task<Reply> AdminAsync(TestBot bot, string? text, string? payload = null) =>
        (await bot.SendAsync("admin-chat", text, payload, sender: "900")).Replies[^1];

    [Fact]
    public async Task Scheduled_IsPreviewedWithItsTime_StartsWhenDue_WithWhoeverSubscribedByThen_Once()
    {
        var time = new FakeTimeProvider(SundayMorningUtc);
        using var bot = NewBot(time, new FakeSender());
        await bot.SubscribeAsync("801");

        var preview = await AdminAsync(bot, "/siaranjadwal besok 07:00 WITA Hari ini masa tenang dimulai: ASN tetap netral.");
        Assert.Contains("⏰ Dijadwalkan: Senin 30 Nov 2026 07:00 WITA", preview.Text, StringComparison.Ordinal);
        Assert.Equal("⏰ Jadwalkan", preview.Buttons[0].Label);
        var scheduled = await AdminAsync(bot, null, preview.Buttons[0].Payload);
        Assert.Contains("dijadwalkan Senin 30 Nov 2026 07:00 WITA", scheduled.Text, StringComparison.Ordinal);
        Assert.Contains("sekarang 1 pelanggan", scheduled.Text, StringComparison.Ordinal);
        Assert.Contains("terjadwal Senin 30 Nov 2026 07:00 WITA", (await AdminAsync(bot, "/siaranlist")).Text, StringComparison.Ordinal);

        await bot.SubscribeAsync("802");                                   // subscribes before it is sent: included
        var scheduler = bot.Get<ReminderScheduler>();
        time.SetUtcNow(new DateTimeOffset(2026, 11, 29, 22, 59, 0, TimeSpan.Zero));   // 06:59 WITA
        scheduler.RunDue();
        var broadcasts = bot.Get<Broadcasts>();
        var id = broadcasts.Recent(1)[0].Id;
        Assert.Equal("scheduled", broadcasts.GetProgress(id)!.State);

        time.SetUtcNow(new DateTimeOffset(2026, 11, 29, 23, 0, 30, TimeSpan.Zero));   // 07:00:30 WITA
        scheduler.RunDue();
        scheduler.RunDue();
        var progress = broadcasts.GetProgress(id)!;
        Assert.Equal(("sending", 2L), (progress.State, progress.Total));
        Assert.Single(broadcasts.Recent(10));                               // started once, not copied
    }

    [Fact]
    public async Task DownAtItsTime_WithinTheGrace_IsSentLate_BeyondIt_IsMissed_AndTheAdminIsTold()
    {
        var time = new FakeTimeProvider(SundayMorningUtc);
        var fake = new FakeSender();
        string folder;
        using (var bot = NewBot(time, fake))
        {
            folder = bot.Folder;
            await bot.SubscribeAsync("811");
            foreach (var when in new[] { "hari ini 12:00", "hari ini 13:00" })
            {
                var preview = await AdminAsync(bot, $"/siaranjadwal {when} Pengingat {when}.");
                await AdminAsync(bot, null, preview.Buttons[0].Payload);
            }
        }
        // The bot was down; it comes back at 13:30 WIB: 12:00 is 90 min late (grace 60), 13:00 is 30 min late.
        time.SetUtcNow(new DateTimeOffset(2026, 11, 29, 6, 30, 0, TimeSpan.Zero));
        using var restarted = NewBot(time, fake, folder);
        restarted.Get<ReminderScheduler>().RunDue();
        var states = restarted.Get<Broadcasts>().Recent(10).Select(p => p.State).ToList();
        Assert.Equal(["sending", "missed"], states);                         // newest first: 13:00 sent late, 12:00 missed

        await restarted.Get<BroadcastProgressReporter>().ReportAsync(CancellationToken.None);
        Assert.Contains(fake.Sent, m => m.ChatId == "admin-chat" && m.Text.Contains("terlewat", StringComparison.Ordinal) && m.Text.Contains("12:00 WIB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PastOrUnreadableTime_GetsTheFormat_AndCancellingBeforeItsTime_StopsIt()
    {
        var time = new FakeTimeProvider(SundayMorningUtc);
        using var bot = NewBot(time, new FakeSender());
        await bot.SubscribeAsync("821");
        foreach (var wrong in new[] { "hari ini 09:00 Sudah lewat.", "kapan-kapan Pesan.", "2030-01-01 07:00 Terlalu jauh.", "besok 07:00" })
        {
            Assert.Contains("/siaranjadwal 2026-12-01 07:00 WIB", (await AdminAsync(bot, "/siaranjadwal " + wrong)).Text, StringComparison.Ordinal);
        }

        var preview = await AdminAsync(bot, "/siaranjadwal 2026-12-01 07:00 Pesan.");
        await AdminAsync(bot, null, preview.Buttons[0].Payload);
        var id = bot.Get<Broadcasts>().Recent(1)[0].Id;
        Assert.Contains("dihentikan", (await AdminAsync(bot, $"/siaranbatal {id}")).Text, StringComparison.Ordinal);
        time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 0, 30, TimeSpan.Zero));
        bot.Get<ReminderScheduler>().RunDue();
        Assert.Equal(("cancelled", 0L), (bot.Get<Broadcasts>().GetProgress(id)!.State, bot.Get<Broadcasts>().GetProgress(id)!.Total));
    }
}
