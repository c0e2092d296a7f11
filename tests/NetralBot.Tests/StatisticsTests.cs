using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Admin;
using NetralBot.Channels;
using NetralBot.Core.Dialogs;
using NetralBot.Tests.Broadcasting;
using SkiaSharp;

namespace NetralBot.Tests;

/// <summary>Issue 11: statistics as a picture and CSV (counts only, kabupaten/kota cells below 3 merged), /statistik for
/// admins, and the optional weekly digest on Monday 07:00 local time.</summary>
public class StatisticsTests
{
    private const string AdminId = "777000222";
    private const string TipStory = "Camat Contoh memakai mobil dinas untuk mengangkut kaos calon bupati ke tiga desa.";
    private const string Gibberish = "qwrtpz vbnmkl zzxq";

    private static async Task SendTipAsync(TestBot bot, string tipster, string regency)
    {
        foreach (var (text, payload) in new (string?, string?)[]
        {
            ("/lapor", null), (null, Payloads.Continue), ("3", null), ("Camat Contoh", null), (null, Payloads.Skip), (regency, null),
            (null, Payloads.Skip), ("kemarin", null), (TipStory, null), ("selesai", null), (null, Payloads.Send),
        })
        {
            await bot.SendAsync(tipster, text, payload, sender: tipster);
        }
    }

    private static (int Width, int Height) Decode(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        return (bitmap.Width, bitmap.Height);
    }

    [Fact]
    public async Task Stats_AfterQuestionsAndTips_WritesPictureAndCsvCounts_WithSmallKabupatenMerged_AndNoTipContent()
    {
        using var runner = new CliRunner();
        using (var bot = new TestBot(runner.DataFolder))
        {
            await bot.SendAsync("asker-1", "boleh like postingan caleg?");
            await bot.SendAsync("asker-2", "boleh pasang twibbon capres?");
            await bot.SendAsync("asker-3", Gibberish);
            await bot.SendAsync("asker-4", Gibberish);
            for (var i = 0; i < 3; i++)
            {
                await SendTipAsync(bot, "tipster-s" + i, "Sleman");
            }
            await SendTipAsync(bot, "tipster-b", "Bantul");
            await SendTipAsync(bot, "tipster-k", "Kulon Progo");
        }

        var result = await runner.RunAsync("", "stats", "--out", "out");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("4 pertanyaan (2 belum terjawab) · 5 laporan", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("2× " + Gibberish, result.Stdout, StringComparison.Ordinal);

        var folder = Path.Combine(runner.DataFolder, "out");
        Assert.Equal((1200, 1200), Decode(File.ReadAllBytes(Path.Combine(folder, "stats.png"))));
        string Csv(string name) => File.ReadAllText(Path.Combine(folder, name + ".csv"));
        var days = Csv("questions_per_day").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, days.Length); // header + the last 7 days
        Assert.EndsWith(",4,2", days[^1].TrimEnd('\r'), StringComparison.Ordinal); // today: 4 questions, 2 unanswered
        Assert.Contains("Fasilitas negara,5", Csv("tips_by_category"), StringComparison.Ordinal);
        Assert.Contains("baru (belum diperiksa),5", Csv("tips_by_status"), StringComparison.Ordinal);
        var regencies = Csv("tips_by_regency");
        Assert.Contains("Sleman,3", regencies, StringComparison.Ordinal);
        Assert.Contains("lainnya (<3),2", regencies, StringComparison.Ordinal);
        Assert.DoesNotContain("Bantul", regencies, StringComparison.Ordinal);
        Assert.DoesNotContain("Kulon Progo", regencies, StringComparison.Ordinal);
        Assert.Contains(Gibberish + ",2", Csv("unanswered"), StringComparison.Ordinal);
        Assert.Contains("Like/love unggahan calon di medsos,1", Csv("rules"), StringComparison.Ordinal);

        var everything = string.Concat(Directory.GetFiles(folder, "*.csv").Select(File.ReadAllText)) + result.Stdout;
        Assert.DoesNotContain("mobil dinas", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Camat Contoh", everything, StringComparison.Ordinal);
        var tipFiles = string.Concat(Directory.GetFiles(folder, "tips_*.csv").Select(File.ReadAllText));
        Assert.DoesNotContain(Gibberish, tipFiles, StringComparison.Ordinal);
        Assert.DoesNotContain("caleg", tipFiles, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statistik_FromAnAdmin_ReturnsAPicture_FromAnyoneElseNothing()
    {
        using var bot = new TestBot(settings: new Dictionary<string, string?> { ["Admins:Users:0"] = "telegram:" + AdminId });
        await bot.SendAsync("asker", Gibberish);
        await SendTipAsync(bot, "tipster", "Sleman");

        var reply = Assert.Single((await bot.SendAsync("admin-chat", "/statistik", sender: AdminId)).Replies);
        Assert.NotNull(reply.Image);
        Assert.Equal((1200, 1200), Decode(reply.Image));
        Assert.Contains("1 pertanyaan (1 belum terjawab) · 1 laporan", reply.Text, StringComparison.Ordinal);
        Assert.Contains(Gibberish, reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sleman", reply.Text, StringComparison.Ordinal); // one tip: its kabupaten is never named
        Assert.DoesNotContain("mobil dinas", reply.Text, StringComparison.Ordinal);
        Assert.Contains("/statistik N", (await bot.SendAsync("admin-chat", "/statistik kemarin", sender: AdminId)).Replies[0].Text, StringComparison.Ordinal);

        var stranger = await bot.SendAsync("someone", "/statistik", sender: "someone");
        Assert.All(stranger.Replies, r => Assert.Null(r.Image));
        Assert.DoesNotContain(stranger.Replies, r => r.Text.Contains("pertanyaan (", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WeeklyDigest_OnMonday0700Wib_SendsThePictureAndUnansweredQuestions_OnlyWhenSwitchedOn(bool on)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero)); // Saturday 10:00 WIB
        var fake = new FakeSender();
        using var bot = new TestBot(
            settings: new Dictionary<string, string?> { ["Admins:Users:0"] = "telegram:" + AdminId, ["Admins:WeeklyDigest"] = on ? "true" : "false" },
            services: s => { s.AddSingleton<TimeProvider>(clock); s.AddSingleton<IMessageSender>(fake); });
        await bot.StartAsync();
        await bot.SendAsync("asker", Gibberish);
        await bot.SendAsync("asker", "boleh like postingan caleg?");

        clock.Advance(new DateTimeOffset(2026, 11, 29, 23, 59, 0, TimeSpan.Zero) - clock.GetUtcNow()); // Monday 06:59 WIB
        await Task.Delay(200);
        Assert.DoesNotContain(fake.Sent, s => s.ChatId == AdminId);

        clock.Advance(TimeSpan.FromMinutes(1)); // Monday 07:00 WIB
        if (on)
        {
            await WaitForAsync(() => fake.Sent.Any(s => s.ChatId == AdminId));
            var digest = fake.Sent.First(s => s.ChatId == AdminId);
            Assert.True(digest.HasImage);
            Assert.Contains("Ringkasan mingguan", digest.Text, StringComparison.Ordinal);
            Assert.Contains("2026-11-23 s.d. 2026-11-29", digest.Text, StringComparison.Ordinal);
            Assert.Contains("1× " + Gibberish, digest.Text, StringComparison.Ordinal);
            // Once per Monday, also when asked again (a restart on Monday morning).
            await bot.Get<WeeklyDigest>().SendAsync(new DateOnly(2026, 11, 30), CancellationToken.None);
            Assert.Single(fake.Sent, s => s.ChatId == AdminId);
        }
        else
        {
            await Task.Delay(500);
            Assert.DoesNotContain(fake.Sent, s => s.ChatId == AdminId);
        }
        await bot.StopAsync();
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        for (var i = 0; i < 100 && !done(); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(done(), "nothing was sent");
    }
}
