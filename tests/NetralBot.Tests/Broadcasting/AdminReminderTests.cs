using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Broadcasting;
using NetralBot.Core.Conversations;
using NetralBot.Storage;

namespace NetralBot.Tests.Broadcasting;

/// <summary>
/// Reminders admins make in chat (/pengingat, /pengingatbaru, /pengingathapus) and how the scheduler sends them.
/// 2026-11-30 is a Monday; dialogs/reminders.yaml's own "senin_pagi" is left out of the counts here.
/// </summary>
public class AdminReminderTests
{
    private const string Admin = "900";
    private static readonly DateTimeOffset SundayMorningUtc = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);   // 10:00 WIB

    private static TestBot NewBot(FakeTimeProvider time, string? folder = null) =>
        new(folder, new Dictionary<string, string?> { ["Admins:Users:0"] = "telegram:" + Admin }, s => s.AddSingleton<TimeProvider>(time));

    private static async Task<Reply> AdminAsync(TestBot bot, string? text, string? payload = null) =>
        (await bot.SendAsync("admin-chat", text, payload, sender: Admin)).Replies.Single();

    /// <summary>Creates a reminder from chat and presses Save; returns the save confirmation.</summary>
    private static async Task<string> CreateAsync(TestBot bot, string arguments)
    {
        var preview = await AdminAsync(bot, "/pengingatbaru " + arguments);
        return (await AdminAsync(bot, null, preview.Buttons[0].Payload)).Text;
    }

    private static int Sent(TestBot bot, long reminder)
    {
        using var connection = bot.Get<Database>().Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM broadcasts WHERE created_by = @By", new { By = $"reminder:admin:{reminder}" });
    }

    [Fact]
    public async Task Admin_PreviewsTheNextTimesInTheChosenZone_SavesIt_AndSeesItListed()
    {
        using var bot = NewBot(new FakeTimeProvider(SundayMorningUtc));

        var preview = await AdminAsync(bot, "/pengingatbaru 0 7 * * 1 wita Ingat, ASN dilarang memberi like pada unggahan calon.\nTanyakan NetralBot bila ragu.");
        Assert.Contains("setiap Senin pukul 07:00 WITA", preview.Text, StringComparison.Ordinal);
        Assert.Contains("• Senin 30 Nov 2026 07:00 WITA\n• Senin 7 Des 2026 07:00 WITA\n• Senin 14 Des 2026 07:00 WITA", preview.Text, StringComparison.Ordinal);
        Assert.Contains("unggahan calon.\nTanyakan NetralBot bila ragu.", preview.Text, StringComparison.Ordinal);
        Assert.Equal(["💾 Simpan", "✖️ Batal"], preview.Buttons.Select(b => b.Label));
        Assert.DoesNotContain("Nomor", (await AdminAsync(bot, "/pengingat")).Text, StringComparison.Ordinal); // not before Save

        var saved = (await AdminAsync(bot, null, preview.Buttons[0].Payload)).Text;
        Assert.Contains("Pengingat nomor 1 tersimpan", saved, StringComparison.Ordinal);
        Assert.Contains("Senin 30 Nov 2026 07:00 WITA", saved, StringComparison.Ordinal);
        Assert.Contains("tidak berlaku", (await AdminAsync(bot, null, preview.Buttons[0].Payload)).Text, StringComparison.Ordinal);

        var list = (await AdminAsync(bot, "/pengingat")).Text;
        Assert.Contains("**senin_pagi** (dari dialogs/reminders.yaml", list, StringComparison.Ordinal);
        Assert.Contains("Berikutnya: Senin 30 Nov 2026 07:00 WIB", list, StringComparison.Ordinal);
        Assert.Contains("**Nomor 1** · setiap Senin pukul 07:00 WITA\nBerikutnya: Senin 30 Nov 2026 07:00 WITA\nIngat, ASN dilarang", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30 7 * * 1-5 Masuk kerja, tetap netral.", "setiap Senin–Jumat pukul 07:30 WIB", "Senin 30 Nov 2026 07:30 WIB")]
    [InlineData("0 19 * * * WIT Malam ini tetap netral.", "setiap hari pukul 19:00 WIT", "Minggu 29 Nov 2026 19:00 WIT")]
    [InlineData("0 8 17 * * Tanggal 17: apel.", "setiap tanggal 17 pukul 08:00 WIB", "Kamis 17 Des 2026 08:00 WIB")]
    [InlineData("0 9 1 12 * Masa tenang.", "setiap 1 Des pukul 09:00 WIB", "Selasa 1 Des 2026 09:00 WIB")]
    [InlineData("*/30 6-8 * * 1 Pagi.", "jadwal cron 0,30 6,7,8 * * 1 (WIB)", "Senin 30 Nov 2026 06:00 WIB")]
    public async Task Preview_PutsTheScheduleInWords(string arguments, string words, string first)
    {
        using var bot = NewBot(new FakeTimeProvider(SundayMorningUtc));
        var preview = (await AdminAsync(bot, "/pengingatbaru " + arguments)).Text;
        Assert.Contains(words, preview, StringComparison.Ordinal);
        Assert.Contains("• " + first + "\n", preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavedReminder_BecomesOneBroadcastWhenDue_NeverTwice_EvenAfterARestart()
    {
        var time = new FakeTimeProvider(SundayMorningUtc);
        string folder;
        using (var bot = NewBot(time))
        {
            folder = bot.Folder;
            await CreateAsync(bot, "0 7 * * 1 WITA Ingat, ASN dilarang berpose dengan simbol jari.");
            var scheduler = bot.Get<ReminderScheduler>();
            scheduler.RunDue();
            time.SetUtcNow(new DateTimeOffset(2026, 11, 29, 23, 0, 20, TimeSpan.Zero)); // Monday 07:00:20 WITA
            scheduler.RunDue();
            Assert.Equal(1, Sent(bot, 1));
            time.Advance(TimeSpan.FromSeconds(30));
            scheduler.RunDue();
            Assert.Equal(1, Sent(bot, 1));

            using var connection = bot.Get<Database>().Open();
            var (text, textEn) = connection.QuerySingle<(string, string?)>("SELECT text, text_en FROM broadcasts WHERE created_by = 'reminder:admin:1'");
            Assert.Equal(("Ingat, ASN dilarang berpose dengan simbol jari.", (string?)null), (text, textEn));
        }
        using var restarted = NewBot(time, folder);
        restarted.Get<ReminderScheduler>().RunDue(); // the start-up look-back finds it already sent
        Assert.Equal(1, Sent(restarted, 1));
    }

    [Fact]
    public async Task MissedWhileDown_IsSentOnceAtStartUp_WithinTheGrace()
    {
        var time = new FakeTimeProvider(SundayMorningUtc);
        string folder;
        using (var bot = NewBot(time))
        {
            folder = bot.Folder;
            await CreateAsync(bot, "0 7 * * 1 Senin pagi.");
        }
        time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 0, 40, 0, TimeSpan.Zero)); // down until Monday 07:40 WIB
        using var restarted = NewBot(time, folder);
        restarted.Get<ReminderScheduler>().RunDue();
        Assert.Equal(1, Sent(restarted, 1));
    }

    [Fact]
    public async Task CreatedAfterTodaysTime_IsNotSentForToday_ButTomorrow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 0, 4, 0, TimeSpan.Zero)); // 07:04 WIB
        string folder;
        using (var bot = NewBot(time))
        {
            folder = bot.Folder;
            var scheduler = bot.Get<ReminderScheduler>();
            scheduler.RunDue();
            time.Advance(TimeSpan.FromMinutes(1));
            await CreateAsync(bot, "0 7 * * * Setiap pagi pukul tujuh.");
            time.Advance(TimeSpan.FromSeconds(30));
            scheduler.RunDue();
            Assert.Equal(0, Sent(bot, 1));
        }
        using var restarted = NewBot(time, folder);
        var scheduler2 = restarted.Get<ReminderScheduler>();
        scheduler2.RunDue(); // the start-up look-back covers 07:00, but that was before the reminder existed
        Assert.Equal(0, Sent(restarted, 1));
        time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 0, 10, TimeSpan.Zero)); // Tuesday 07:00:10 WIB
        scheduler2.RunDue();
        Assert.Equal(1, Sent(restarted, 1));
    }

    [Theory]
    [InlineData("61 7 * * * WIB Menit salah.", "Jadwal \"61 7 * * *\" belum tepat")]
    [InlineData("0 7 30 2 * Tiga puluh Februari.", "Jadwal \"0 7 30 2 *\" belum tepat")]
    [InlineData("setiap senin jam tujuh pagi Ingat.", "Jadwal \"setiap senin jam tujuh pagi\" belum tepat")]
    [InlineData("0 7 * * 1 WIB", "Format: /pengingatbaru")]
    [InlineData("", "Format: /pengingatbaru")]
    public async Task BadSchedule_GetsAFriendlyExplanationWithAnExample_NothingIsStored(string arguments, string expected)
    {
        using var bot = NewBot(new FakeTimeProvider(SundayMorningUtc));
        var reply = await AdminAsync(bot, "/pengingatbaru " + arguments);
        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Contains("Contoh: /pengingatbaru 0 7 * * 1 WIB", reply.Text, StringComparison.Ordinal);
        Assert.Empty(reply.Buttons);
        using var connection = bot.Get<Database>().Open();
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM reminders"));
    }

    [Fact]
    public async Task TooLongText_IsRefused()
    {
        using var bot = NewBot(new FakeTimeProvider(SundayMorningUtc));
        var reply = await AdminAsync(bot, "/pengingatbaru 0 7 * * 1 " + new string('a', 3501));
        Assert.Contains("paling banyak 3500 karakter", reply.Text, StringComparison.Ordinal);
        Assert.Empty(reply.Buttons);
    }

    [Theory]
    [InlineData("/pengingat")]
    [InlineData("/pengingatbaru 0 7 * * 1 WIB Halo semua")]
    [InlineData("/pengingathapus 1")]
    public async Task NonAdmin_TheCommandsDoNotExist(string command)
    {
        using var bot = NewBot(new FakeTimeProvider(SundayMorningUtc));
        var unknown = (await bot.SendAsync("someone", "/perintahngawur", sender: "123")).Replies[0].Text;
        Assert.Equal(unknown, (await bot.SendAsync("someone", command, sender: "123")).Replies[0].Text);
        using var connection = bot.Get<Database>().Open();
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM reminders"));
    }

    [Fact]
    public async Task NonAdmin_CannotPressSave()
    {
        using var bot = NewBot(new FakeTimeProvider(SundayMorningUtc));
        var preview = await AdminAsync(bot, "/pengingatbaru 0 7 * * 1 Halo semua");
        var stolen = await bot.SendAsync("someone", null, preview.Buttons[0].Payload, sender: "123");
        Assert.DoesNotContain("tersimpan", stolen.Replies[0].Text, StringComparison.Ordinal);
        Assert.Empty(bot.Get<AdminReminders>().ListActive());
    }

    [Fact]
    public async Task Cancel_DropsTheDraft()
    {
        using var bot = NewBot(new FakeTimeProvider(SundayMorningUtc));
        var preview = await AdminAsync(bot, "/pengingatbaru 0 7 * * 1 Halo semua");
        Assert.Contains("dibatalkan", (await AdminAsync(bot, null, preview.Buttons[1].Payload)).Text, StringComparison.Ordinal);
        Assert.Contains("tidak berlaku", (await AdminAsync(bot, null, preview.Buttons[0].Payload)).Text, StringComparison.Ordinal);
        Assert.Empty(bot.Get<AdminReminders>().ListActive());
    }

    [Fact]
    public async Task Deleted_IsNotSentAnymore_ButStaysForTheAudit()
    {
        var time = new FakeTimeProvider(SundayMorningUtc);
        using var bot = NewBot(time);
        await CreateAsync(bot, "0 7 * * * Setiap pagi.");
        Assert.Contains("Pengingat nomor 1 dihapus", (await AdminAsync(bot, "/pengingathapus 1")).Text, StringComparison.Ordinal);
        Assert.Contains("Tidak ada pengingat aktif bernomor 1.", (await AdminAsync(bot, "/pengingathapus 1")).Text, StringComparison.Ordinal);
        Assert.Contains("Tidak ada pengingat aktif bernomor senin_pagi.", (await AdminAsync(bot, "/pengingathapus senin_pagi")).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nomor 1", (await AdminAsync(bot, "/pengingat")).Text, StringComparison.Ordinal);

        var scheduler = bot.Get<ReminderScheduler>();
        scheduler.RunDue();
        time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 0, 0, 10, TimeSpan.Zero)); // Monday 07:00:10 WIB
        scheduler.RunDue();
        Assert.Equal(0, Sent(bot, 1));

        using var connection = bot.Get<Database>().Open();
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT active FROM reminders WHERE id = 1"));
        Assert.Equal(["reminder_add", "reminder_delete"], connection.Query<string>("SELECT action FROM admin_audit WHERE admin = 'telegram:900' ORDER BY id"));
    }
}
