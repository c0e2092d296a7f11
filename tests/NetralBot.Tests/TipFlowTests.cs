using System.Diagnostics;
using System.Text.RegularExpressions;
using Dapper;
using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs;
using NetralBot.Storage;

namespace NetralBot.Tests;

/// <summary>The anonymous tip end to end through the program's real wiring, SQLite file and key file.</summary>
public partial class TipFlowTests
{
    internal const string ChatId = "5550001234567";
    internal const string SenderId = "4440009876543";
    private const string Story = "Kepala Dinas Contoh mengumpulkan staf di aula dan meminta semua memilih paslon nomor 2, sambil membagikan kaos.";
    private const string Reported = "Bapak Terlapor Unik";

    internal static async Task<string> SendTipAsync(TestBot bot, string chat = ChatId)
    {
        await FillReportAsync(bot, chat);
        var sent = await bot.SendAsync(chat, null, Payloads.Send, sender: SenderId);
        return CodePattern().Match(sent.Replies[0].Text).Value;
    }

    /// <summary>A report answered up to its summary: the next step (Kirim) sends it.</summary>
    internal static async Task FillReportAsync(TestBot bot, string chat = ChatId)
    {
        await bot.SendAsync(chat, "/lapor", sender: SenderId);
        await bot.SendAsync(chat, null, Payloads.Continue, sender: SenderId);
        await bot.SendAsync(chat, "3", sender: SenderId);
        await bot.SendAsync(chat, Reported, sender: SenderId);
        await bot.SendAsync(chat, "Dinas Contoh", sender: SenderId);
        await bot.SendAsync(chat, "Kota Contoh", sender: SenderId);
        await bot.SendAsync(chat, null, Payloads.Skip, sender: SenderId);
        await bot.SendAsync(chat, "kemarin", sender: SenderId);
        await bot.SendAsync(chat, Story, sender: SenderId);
        await bot.SendAsync(chat, "selesai", sender: SenderId);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Tip_LeavesNoTraceOfTheSender_InTheDatabaseFileWalOrLogs(StorageProvider provider)
    {
        using var bot = new TestBot(provider: provider);
        var code = await SendTipAsync(bot);
        Assert.Matches(CodePattern(), code);

        var stored = bot.DatabaseBytesAsText();
        var logs = bot.AllLogText();
        foreach (var identifier in new[] { ChatId, SenderId })
        {
            Assert.DoesNotContain(identifier, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(identifier, logs, StringComparison.Ordinal);
        }
        Assert.Contains("A tip was received", logs, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Tip_IsEncryptedAtRest_AndTheCodeIsNeverStored(StorageProvider provider)
    {
        using var bot = new TestBot(provider: provider);
        var code = await SendTipAsync(bot);

        var stored = bot.DatabaseBytesAsText();
        Assert.DoesNotContain("Kepala Dinas Contoh", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Reported, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(code, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), stored, StringComparison.Ordinal);

        using var connection = bot.Get<Database>().Open();
        Assert.Equal(1, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM tips"));
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM private_states")); // the draft is gone
        if (provider == StorageProvider.Sqlite)
        {
            Assert.Equal(1, connection.ExecuteScalar<int>("PRAGMA secure_delete"));
        }
    }

    [Fact]
    public async Task Status_WithTheReceiptCode_ShowsTheTip_AndAddsInformation()
    {
        using var bot = new TestBot();
        var code = await SendTipAsync(bot);

        var status = await bot.SendAsync("another-device", $"/status {code.ToLowerInvariant()}");
        Assert.Contains("baru", status.Replies[0].Text, StringComparison.Ordinal);
        await bot.SendAsync("another-device", null, Payloads.AddInfo);
        await bot.SendAsync("another-device", "Saksi: dua orang staf bagian umum.");

        using var connection = bot.Get<Database>().Open();
        Assert.Equal(1, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM tip_messages WHERE author = 'tipster'"));
        Assert.DoesNotContain("Saksi: dua orang", bot.DatabaseBytesAsText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_RightAndWrongCodes_TakeTheSameFixedTime()
    {
        using var bot = new TestBot();
        var code = await SendTipAsync(bot);

        var right = Stopwatch.StartNew();
        await bot.SendAsync("x", $"/status {code}");
        right.Stop();
        var wrong = Stopwatch.StartNew();
        await bot.SendAsync("y", "/status AAAA-BBBB-CCCC-DDDD");
        wrong.Stop();

        Assert.InRange(right.Elapsed.TotalSeconds, 1.45, 3);
        Assert.InRange(wrong.Elapsed.TotalSeconds, 1.45, 3);
    }

    [Fact]
    public async Task Restart_MidReport_ContinuesWithTheEncryptedDraft()
    {
        string folder;
        using (var first = new TestBot())
        {
            folder = first.Folder;
            await first.SendAsync(ChatId, "/lapor");
            await first.SendAsync(ChatId, null, Payloads.Continue);
            await first.SendAsync(ChatId, "1");
            await first.SendAsync(ChatId, Reported);
            Assert.DoesNotContain(Reported, first.DatabaseBytesAsText(), StringComparison.Ordinal);
        }
        using var second = new TestBot(folder);
        var next = await second.SendAsync(ChatId, "Dinas Contoh");
        Assert.Equal("ReportRegency", next.State.State);
        Assert.Equal(Reported, next.State.Private!.Draft!.Who);
    }

    [Fact]
    public async Task WrongKeyFile_IsAClearErrorAtStart()
    {
        string folder;
        using (var first = new TestBot())
        {
            folder = first.Folder;
            await SendTipAsync(first);
        }
        File.Delete(Path.Combine(folder, "bot.key"));
        var ex = Assert.Throws<NetralBot.Hosting.StartupRefusedException>(() => new TestBot(folder));
        Assert.Contains("Security:KeyFile", ex.Message, StringComparison.Ordinal);
        Assert.Contains("restore the key file", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "bot.key")), "no new key is written next to an existing database");
    }

    [Fact]
    public void KeyFile_IsCreatedOwnerOnly()
    {
        using var bot = new TestBot();
        var keyFile = Path.Combine(bot.Folder, "bot.key");
        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
        Assert.Contains(bot.Logs.GetSnapshot(), r => r.Message.Contains("Created a new secret key file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DailyLimit_StopsTheNextReport_FromTheSameChatOnly()
    {
        using var bot = new TestBot(settings: new Dictionary<string, string?> { ["Tips:MaxPerDay"] = "1" });
        await SendTipAsync(bot);
        var refused = await bot.SendAsync(ChatId, "/lapor");
        Assert.Contains("besok", refused.Replies[0].Text, StringComparison.Ordinal);
        var other = await bot.SendAsync("someone-else", "/lapor");
        Assert.Equal("ReportNotice", other.State.State);
    }

    [GeneratedRegex("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    internal static partial Regex CodePattern();
}
