using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Admin;
using NetralBot.Channels;
using NetralBot.Core.Dialogs;
using NetralBot.Tests.Broadcasting;

namespace NetralBot.Tests;

/// <summary>Issue 11: admins hear of new tips once an hour (number, category, kabupaten/kota; never content or sender),
/// open them with a button, set the status from buttons, and can switch the announcements off.</summary>
public class TipNotificationTests
{
    private const string AdminId = "777000111";

    private static async Task SendTipAsync(TestBot bot, string tipster, string regency)
    {
        foreach (var (text, payload) in new (string?, string?)[]
        {
            ("/lapor", null), (null, Payloads.Continue), ("3", null), ("Camat Contoh", null), (null, Payloads.Skip), (regency, null),
            (null, Payloads.Skip), ("kemarin", null), ("Camat Contoh memakai mobil dinas untuk mengangkut kaos calon bupati ke tiga desa.", null),
            ("selesai", null), (null, Payloads.Send),
        })
        {
            await bot.SendAsync(tipster, text, payload, sender: tipster);
        }
    }

    [Fact]
    public async Task NewTips_AreAnnouncedOnTheHour_WithoutContent_AndCanBeOpenedAndHandledByButtons()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 2, 10, 0, TimeSpan.Zero));
        var fake = new FakeSender();
        using var bot = new TestBot(settings: new Dictionary<string, string?> { ["Admins:Users:0"] = "telegram:" + AdminId },
            services: s => { s.AddSingleton<TimeProvider>(clock); s.AddSingleton<IMessageSender>(fake); });
        await bot.StartAsync();
        await SendTipAsync(bot, "tipster-1", "Sleman");
        await SendTipAsync(bot, "tipster-2", "Bantul");
        Assert.DoesNotContain(fake.Sent, s => s.ChatId == AdminId); // not at the minute it came

        clock.Advance(TimeSpan.FromMinutes(50)); // 03:00 UTC = 10:00 WIB
        var announcement = await WaitForAsync(() => fake.Sent.FirstOrDefault(s => s.ChatId == AdminId).Text);
        Assert.Contains("#1 — Fasilitas negara, Sleman", announcement, StringComparison.Ordinal);
        Assert.Contains("#2 — Fasilitas negara, Bantul", announcement, StringComparison.Ordinal);
        Assert.DoesNotContain("mobil dinas", announcement, StringComparison.Ordinal);
        Assert.DoesNotContain("tipster", announcement, StringComparison.Ordinal);

        var opened = await bot.SendAsync("admin-chat", null, "adm:tip:open:2", sender: AdminId);
        Assert.Contains("Bantul", opened.Replies[0].Text, StringComparison.Ordinal);
        var toBawaslu = opened.Replies[0].Buttons.First(b => b.Payload.EndsWith(":DiteruskanBawaslu", StringComparison.Ordinal));
        var set = await bot.SendAsync("admin-chat", null, toBawaslu.Payload, sender: AdminId);
        Assert.Contains("laporan 2 diubah", set.Replies[0].Text, StringComparison.Ordinal);
        Assert.Contains("Bawaslu", (await bot.SendAsync("admin-chat", "/tip 2", sender: AdminId)).Replies[0].Text, StringComparison.Ordinal);
        // A person who is not an admin cannot press them.
        Assert.DoesNotContain("Bantul", (await bot.SendAsync("someone", null, "adm:tip:open:2", sender: "someone")).Replies[0].Text, StringComparison.Ordinal);

        // Switched off: the next tip is not announced to this admin; nothing is announced twice.
        Assert.Contains("dimatikan", (await bot.SendAsync("admin-chat", "/notifikasi off", sender: AdminId)).Replies[0].Text, StringComparison.Ordinal);
        await SendTipAsync(bot, "tipster-3", "Kulon Progo");
        var before = fake.Sent.Count(s => s.ChatId == AdminId);
        await bot.Get<TipNotifications>().AnnounceAsync(CancellationToken.None);
        Assert.Equal(before, fake.Sent.Count(s => s.ChatId == AdminId));
        Assert.Contains("aktif", (await bot.SendAsync("admin-chat", "/notifikasi on", sender: AdminId)).Replies[0].Text, StringComparison.Ordinal);
        await SendTipAsync(bot, "tipster-4", "Gunungkidul");
        await bot.Get<TipNotifications>().AnnounceAsync(CancellationToken.None);
        var latest = fake.Sent.Last(s => s.ChatId == AdminId).Text;
        Assert.Contains("#4 — ", latest, StringComparison.Ordinal);
        Assert.DoesNotContain("#3 — ", latest, StringComparison.Ordinal);
        await bot.StopAsync();
    }

    [Fact]
    public async Task TheConsoleAdmin_SeesTheAnnouncement_InTheTerminal()
    {
        var terminal = new StringWriter();
        using var bot = new TestBot(settings: new Dictionary<string, string?> { ["Admins:Users:0"] = "console:local" },
            services: s => { s.AddSingleton(new NetralBot.ConsoleChat.ConsoleIO(TextReader.Null, terminal)); s.AddSingleton<IMessageSender, NetralBot.ConsoleChat.ConsoleSender>(); });
        await bot.StartAsync();
        await SendTipAsync(bot, "tipster-1", "Sleman");
        await bot.Get<TipNotifications>().AnnounceAsync(CancellationToken.None);
        Assert.Contains("#1 — Fasilitas negara, Sleman", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("[1] 📂 Buka #1", terminal.ToString(), StringComparison.Ordinal);
        await bot.StopAsync();
    }

    private static async Task<string> WaitForAsync(Func<string?> value)
    {
        for (var i = 0; i < 100; i++)
        {
            if (value() is { } found)
            {
                return found;
            }
            await Task.Delay(50);
        }
        Assert.Fail("nothing was announced");
        return "";
    }
}
