using Microsoft.Extensions.DependencyInjection;
using Dapper;
using NetralBot.Core.Dialogs;
using NetralBot.Storage;

namespace NetralBot.Tests;

/// <summary>The tip reviewers' commands: only for configured admins, every action audited.</summary>
public class AdminTests
{
    private const string AdminId = "999000111";
    private const string Story = "Camat Contoh memakai mobil dinas untuk mengangkut kaos dan spanduk calon bupati ke tiga desa.";

    private static TestBot NewBot() => new(settings: new Dictionary<string, string?> { ["Admins:Users:0"] = "telegram:" + AdminId });

    private static async Task<string> SendTipAsync(TestBot bot, string when = "12/11")
    {
        await bot.SendAsync("tipster", "/lapor");
        await bot.SendAsync("tipster", null, Payloads.Continue);
        await bot.SendAsync("tipster", "3");
        await bot.SendAsync("tipster", "Camat Contoh");
        await bot.SendAsync("tipster", null, Payloads.Skip);
        await bot.SendAsync("tipster", "Kab. Contoh");
        await bot.SendAsync("tipster", null, Payloads.Skip);
        await bot.SendAsync("tipster", when);
        await bot.SendAsync("tipster", Story);
        await bot.SendAsync("tipster", "selesai");
        var sent = await bot.SendAsync("tipster", null, Payloads.Send);
        return System.Text.RegularExpressions.Regex.Match(sent.Replies[0].Text, "[0-9A-Z]{4}(-[0-9A-Z]{4}){3}").Value;
    }

    private static Task<string> AdminAsync(TestBot bot, string command) =>
        bot.SendAsync("admin-chat", command, sender: AdminId).ContinueWith(t => t.Result.Replies[0].Text, TaskScheduler.Default);

    [Theory]
    [InlineData("/tips")]
    [InlineData("/tip 1")]
    [InlineData("/tipfiles 1")]
    [InlineData("/tipstatus 1 ditolak bohong")]
    [InlineData("/tipmsg 1 halo")]
    [InlineData("/tipexport")]
    [InlineData("/admin")]
    public async Task NonAdmin_GetsTheUnknownCommandReply_AndNothingIsAudited(string command)
    {
        using var bot = NewBot();
        await SendTipAsync(bot);
        var unknown = (await bot.SendAsync("someone", "/perintahngawur")).Replies[0].Text;
        var reply = await bot.SendAsync("someone", command, sender: "123");
        Assert.Equal(unknown, reply.Replies[0].Text);
        using var connection = bot.Get<Database>().Open();
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM admin_audit"));
    }

    [Fact]
    public async Task Admin_ListsOpensChangesStatusMessagesAndExports_AllAudited()
    {
        using var bot = NewBot();
        var code = await SendTipAsync(bot);

        Assert.Contains("#1", await AdminAsync(bot, "/tips"), StringComparison.Ordinal);
        Assert.Contains("#1", await AdminAsync(bot, "/tips baru fasilitas"), StringComparison.Ordinal);
        Assert.Contains("Tidak ada laporan", await AdminAsync(bot, "/tips selesai"), StringComparison.Ordinal);
        Assert.Contains(Story, await AdminAsync(bot, "/tip 1"), StringComparison.Ordinal);
        Assert.Contains("tidak ada", await AdminAsync(bot, "/tip 42"), StringComparison.Ordinal);
        Assert.Contains("diteruskan ke Bawaslu", await AdminAsync(bot, "/tipstatus 1 bawaslu Sudah diteruskan ke Bawaslu Kab. Contoh"), StringComparison.Ordinal);
        Assert.Contains("tersimpan", await AdminAsync(bot, "/tipmsg 1 Apakah ada foto mobilnya?"), StringComparison.Ordinal);

        var status = await bot.SendAsync("tipster-later", "/status " + code);
        Assert.Contains("diteruskan ke Bawaslu", status.Replies[0].Text, StringComparison.Ordinal);
        Assert.Contains("Sudah diteruskan ke Bawaslu Kab. Contoh", status.Replies[0].Text, StringComparison.Ordinal);
        Assert.Contains("Apakah ada foto mobilnya?", status.Replies[0].Text, StringComparison.Ordinal);

        var export = await bot.SendAsync("admin-chat", "/tipexport", sender: AdminId);
        var file = export.Replies[0].File!;
        Assert.EndsWith(".csv", file.Name, StringComparison.Ordinal);
        var csv = System.Text.Encoding.UTF8.GetString(file.Content);
        Assert.Contains(Story, csv, StringComparison.Ordinal);
        // Issue 11: the category and status cells are the labels admins read in chat, not the code's names.
        Assert.StartsWith("id,created_at,category,status,", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(",Fasilitas negara,diteruskan ke Bawaslu,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("StateFacilities", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("DiteruskanBawaslu", csv, StringComparison.Ordinal);

        using var connection = bot.Get<Database>().Open();
        var actions = connection.Query<(string Admin, string Action, long? TipId)>("SELECT admin, action, tip_id FROM admin_audit ORDER BY id").ToList();
        Assert.All(actions, a => Assert.Equal("telegram:" + AdminId, a.Admin));
        Assert.Equal(["list", "list", "list", "open", "status", "message", "export"], actions.Select(a => a.Action));
        Assert.Equal(1, actions.Single(a => a.Action == "status").TipId);
    }

    [Fact]
    public async Task Admin_BadArguments_GetTheUsageHint()
    {
        using var bot = NewBot();
        Assert.Contains("/admin", await AdminAsync(bot, "/tipstatus satu ditolak"), StringComparison.Ordinal);
        Assert.Contains("/admin", await AdminAsync(bot, "/tipfiles"), StringComparison.Ordinal);
    }

    /// <summary>Issue 11: a status the bot does not know (or none) is answered with the statuses it does know.</summary>
    [Theory]
    [InlineData("/tipstatus 1 diperiksa", "Status \"diperiksa\" tidak dikenal")]
    [InlineData("/tipstatus 1", "Tulis statusnya")]
    public async Task TipStatus_UnknownOrMissingStatus_ListsTheValidOnes_AndChangesNothing(string command, string says)
    {
        using var bot = NewBot();
        await SendTipAsync(bot);
        var reply = await AdminAsync(bot, command);
        Assert.Contains(says, reply, StringComparison.Ordinal);
        Assert.Contains("baru, diverifikasi, bawaslu, bkn, inspektorat, ditolak, selesai", reply, StringComparison.Ordinal);
        Assert.Contains("/tipstatus 1 diverifikasi", reply, StringComparison.Ordinal);
        Assert.Contains("baru (belum diperiksa)", await AdminAsync(bot, "/tip 1"), StringComparison.Ordinal);
    }

    /// <summary>Issue 11: a tip without evidence files says so; only a tip that does not exist is "tidak ada".</summary>
    [Fact]
    public async Task TipFiles_TipWithoutFiles_SaysItHasNone_WrongIdSaysNoSuchTip()
    {
        using var bot = NewBot();
        await SendTipAsync(bot);
        var none = await AdminAsync(bot, "/tipfiles 1");
        Assert.Contains("Laporan nomor 1 tidak punya file bukti", none, StringComparison.Ordinal);
        Assert.DoesNotContain("tidak ada", none, StringComparison.Ordinal);
        Assert.Equal("Laporan nomor 42 tidak ada.", await AdminAsync(bot, "/tipfiles 42"));
    }

    /// <summary>Issue 11: times are shown in the deployment's zone (stored as UTC), and "kemarin" is yesterday there.</summary>
    [Theory]
    [InlineData(null, "2026-11-29 06:00 WIB")]
    [InlineData("WITA", "2026-11-29 07:00 WITA")]
    [InlineData("WIT", "2026-11-29 08:00 WIT")]
    public async Task TipTimes_AreShownInTheLocalZone_AndKemarinIsTheLocalYesterday(string? zone, string shown)
    {
        // 23:40 UTC on the 28th is 06:40 WIB on the 29th.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 23, 40, 0, TimeSpan.Zero));
        var settings = new Dictionary<string, string?> { ["Admins:Users:0"] = "telegram:" + AdminId };
        if (zone is not null)
        {
            settings["Bot:TimeZone"] = zone;
        }
        using var bot = new TestBot(settings: settings, services: s => s.AddSingleton<TimeProvider>(clock));
        await SendTipAsync(bot, when: "kemarin");

        var tip = await AdminAsync(bot, "/tip 1");
        Assert.Contains(shown, tip, StringComparison.Ordinal);
        Assert.Contains("kemarin (2026-11-28)", tip, StringComparison.Ordinal);
        Assert.Contains(shown, await AdminAsync(bot, "/tips"), StringComparison.Ordinal);
    }
}
