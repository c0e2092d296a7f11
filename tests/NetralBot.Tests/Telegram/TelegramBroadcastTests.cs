using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using NetralBot.Storage;

namespace NetralBot.Tests.Telegram;

/// <summary>A bot of its own (its broadcasts reach only these tests' chats), showing progress every second.</summary>
public sealed class BroadcastEmulator : TelegramEmulator
{
    protected override Task<Dictionary<string, string?>> ExtraSettingsAsync() =>
        Task.FromResult(new Dictionary<string, string?> { ["Broadcasts:ProgressSeconds"] = "1" });
}

/// <summary>Broadcasts end to end: the real Telegram.Bot client against the emulator, an admin composing in chat.</summary>
public class TelegramBroadcastTests(BroadcastEmulator telegram) : IClassFixture<BroadcastEmulator>
{
    private static readonly long[] Subscribers = [7001, 7002, 7003, 7004, 7005];
    private const long Admin = TelegramEmulator.AdminUserId;
    private static readonly SemaphoreSlim Subscribed = new(1, 1);
    private static bool _subscribed;

    private async Task SubscribeAllAsync()
    {
        await Subscribed.WaitAsync();
        try
        {
            if (_subscribed)
            {
                return;
            }
            foreach (var chat in Subscribers)
            {
                await telegram.SendAsync(chat, "/langganan");
                await telegram.TapAsync(chat, Assert.Single(await telegram.ReceiveAsync(chat)).Buttons[^1].Data);  // skip kabupaten/kota
                await telegram.TapAsync(chat, Assert.Single(await telegram.ReceiveAsync(chat)).Buttons[^1].Data);  // skip agency
                Assert.Contains("berlangganan", Assert.Single(await telegram.ReceiveAsync(chat)).Text, StringComparison.Ordinal);
            }
            _subscribed = true;
        }
        finally
        {
            Subscribed.Release();
        }
    }

    /// <summary>Lets an earlier test's broadcast finish reporting, then reads away what the admin chat still holds.</summary>
    private async Task DrainAdminChatAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (telegram.Get<Broadcasts>().ReportsDue().Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        await telegram.ReceiveAsync(Admin, count: int.MaxValue, timeout: TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task AdminBroadcast_ReachesSubscribers_ProgressIsEditedInPlace_ReportNamesTheBlocked()
    {
        await SubscribeAllAsync();
        await DrainAdminChatAsync();
        FaultInjector.FailSendMessage(7005, HttpStatusCode.Forbidden, times: 1);   // 7005 blocked the bot
        FaultInjector.FailSendMessage(7003, HttpStatusCode.TooManyRequests, times: 1, retryAfter: 1);
        FaultInjector.FailSendMessage(7004, HttpStatusCode.BadGateway, times: 1);

        await telegram.SendAsync(Admin, "/siaran Besok masa tenang dimulai. ASN tetap netral!");
        var preview = Assert.Single(await telegram.ReceiveAsync(Admin));
        Assert.Contains("5 pelanggan", preview.Text, StringComparison.Ordinal);
        await telegram.TapAsync(Admin, preview.Buttons[0].Data);                    // 📨 Kirim

        foreach (var chat in Subscribers[..4])
        {
            var message = Assert.Single(await telegram.ReceiveAsync(chat));
            Assert.StartsWith("Besok masa tenang dimulai. ASN tetap netral!", message.Text, StringComparison.Ordinal);
            Assert.EndsWith("Ketik /berhenti untuk berhenti menerima pengingat.", message.Text, StringComparison.Ordinal);
        }

        // The admin sees: queued and one progress message (either may come first; then only edits to it), the report.
        var toAdmin = await telegram.ReceiveAsync(Admin, count: 3, timeout: TimeSpan.FromSeconds(20));
        Assert.Equal(3, toAdmin.Count);
        Assert.Single(toAdmin, m => m.Text.Contains("masuk antrean untuk 5", StringComparison.Ordinal));
        Assert.Single(toAdmin, m => m.Text.Contains("📣", StringComparison.Ordinal));
        Assert.Contains("Laporan siaran", toAdmin[2].Text, StringComparison.Ordinal);
        Assert.Contains("4 terkirim", toAdmin[2].Text, StringComparison.Ordinal);
        Assert.Contains("memblokir bot", toAdmin[2].Text, StringComparison.Ordinal);
        var id = telegram.Get<Broadcasts>().Recent(1)[0].Id;
        var progress = (await HistoryAsync()).Where(t => t.Contains("📣", StringComparison.Ordinal) && t.Contains($"Siaran {id}<", StringComparison.Ordinal)).ToList();
        var final = Assert.Single(progress);                                         // one message, edited in place
        Assert.Contains("selesai", final, StringComparison.Ordinal);
        Assert.Contains("0 tersisa", final, StringComparison.Ordinal);

        using var connection = telegram.Get<Database>().Open();
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT active FROM subscribers WHERE chat_id = '7005'"));
        // The 429 was waited out and the 502 retried by the channel: delivered at the first attempt, no failure counted.
        var rows = connection.Query<(string ChatId, string State, long Attempts)>(
            "SELECT s.chat_id, o.state, o.attempts FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id WHERE o.broadcast_id = @Id AND s.chat_id IN ('7003', '7004') ORDER BY 1",
            new { Id = id }).ToList();
        Assert.Equal([("7003", "sent", 1L), ("7004", "sent", 1L)], rows);
        Assert.Equal(1, FaultInjector.InjectedFor(7003));
        Assert.Equal(1, FaultInjector.InjectedFor(7004));
    }

    [Fact]
    public async Task PictureBroadcast_IsUploadedOnce_ThenSentByItsFileId_WithTheTextAsCaption()
    {
        await SubscribeAllAsync();
        await DrainAdminChatAsync();
        await telegram.SendPhotoAsync(Admin, EvidenceTests.PhotoWithGpsAndCamera(), caption: "/siaran Ingat: ASN dilarang berpose dengan simbol jari.");
        var preview = await WaitForPhotoAsync(Admin, "Ingat: ASN dilarang");
        Assert.Contains("Ingat: ASN dilarang", preview.Caption, StringComparison.Ordinal);
        var before = FaultInjector.Photos.Count;
        await telegram.TapAsync(Admin, preview.Buttons[0].Data);                    // 📨 Kirim

        var active = telegram.Get<Subscriptions>().ActiveCount();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (FaultInjector.Photos.Skip(before).Count(p => Subscribers.Contains(p.ChatId)) < active && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        var sent = FaultInjector.Photos.Skip(before).Where(p => Subscribers.Contains(p.ChatId)).ToList();
        Assert.Equal(active, sent.Count);
        Assert.Equal(1, sent.Count(p => p.Uploaded));                                // the picture went up once
        Assert.All(sent, p => Assert.EndsWith("Ketik /berhenti untuk berhenti menerima pengingat.", p.Caption, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PictureWithALongText_GoesAsThePicture_ThenTheText_WithTheButtonsUnderTheText()
    {
        await DrainAdminChatAsync();
        var before = FaultInjector.Photos.Count(p => p.ChatId == Admin);
        var longText = "Pengingat netralitas: " + string.Join(" ", Enumerable.Repeat("ASN dilarang berpose dengan simbol jari.", 30));
        await telegram.SendPhotoAsync(Admin, EvidenceTests.PhotoWithGpsAndCamera(), caption: "/siaran " + longText);

        var preview = Assert.Single(await telegram.ReceiveAsync(Admin));            // the text, as a message of its own
        Assert.Contains(longText, preview.Text, StringComparison.Ordinal);
        Assert.Equal("📨 Kirim", preview.Buttons[0].Label);
        var photo = FaultInjector.Photos.Where(p => p.ChatId == Admin).Skip(before).Single();
        Assert.Null(photo.Caption);                                                   // over Telegram's 1,024 for a caption
        Assert.Empty(photo.Buttons);
        await telegram.TapAsync(Admin, preview.Buttons[^1].Data);                     // ✖️ Batal
        Assert.Contains("dibatalkan", Assert.Single(await telegram.ReceiveAsync(Admin)).Text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The photo to this chat with this caption text (other fixtures send photos to the same admin id).</summary>
    private static async Task<FaultInjector.PhotoSent> WaitForPhotoAsync(long chatId, string caption)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (FaultInjector.Photos.LastOrDefault(p => p.ChatId == chatId && p.Caption?.Contains(caption, StringComparison.Ordinal) == true) is { } photo)
            {
                return photo;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("no photo arrived");
    }

    /// <summary>The texts of every message the bot sent to the admin, as the emulator holds them now (edits applied).</summary>
    private async Task<List<string>> HistoryAsync()
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync($"{telegram.ApiUrl}/getUpdatesHistory", new { token = telegram.BotToken });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["result"]!.AsArray()
            .Where(u => u!["message"]?["chat_id"]?.ToString() == Admin.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(u => u!["message"]!["text"]?.GetValue<string>() ?? "")
            .ToList();
    }
}
