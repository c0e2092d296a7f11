using System.Net;
using System.Text;
using NetralBot.Telegram;

namespace NetralBot.Tests.Telegram;

/// <summary>Webhook mode: updates delivered by the emulator's webhook; the secret token checked on direct requests.</summary>
[Collection(TelegramWebhookCollection.Name)]
public class TelegramWebhookTests(TelegramWebhookEmulator telegram)
{
    private const string SampleUpdate = """
        {"update_id": 900000001, "message": {"message_id": 1, "date": 1700000000, "text": "/menu",
         "chat": {"id": 9100001, "type": "private", "first_name": "X"}, "from": {"id": 9100001, "is_bot": false, "first_name": "X"}}}
        """;

    [Fact]
    public async Task Updates_ArriveByWebhook_AndAreAnswered()
    {
        const long chat = 9_000_001;
        await telegram.SendAsync(chat, "min, boleh gak sih ngelike postingan caleg?");
        var answer = Assert.Single(await telegram.ReceiveAsync(chat));
        Assert.StartsWith("<b>❌ TIDAK BOLEH</b>", answer.Text, StringComparison.Ordinal);

        await telegram.TapAsync(chat, "menu");
        Assert.StartsWith("<b>Menu</b>", Assert.Single(await telegram.ReceiveAsync(chat)).Text, StringComparison.Ordinal);

        // Last, because its made-up update id is higher than any the emulator will send after it.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, telegram.ListenUrl + telegram.WebhookPath)
        {
            Content = new StringContent(SampleUpdate.Replace("9100001", "9100002", StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(TelegramWebhook.SecretHeader, TelegramWebhookEmulator.Secret);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await telegram.ReceiveAsync(9100002));
    }

    /// <summary>A whole report with a photo through the webhook: each update kept in the inbox, the photo fetched when its turn comes.</summary>
    [Fact]
    public async Task Report_WithAPhoto_ThroughTheWebhook_EndsWithAReceiptCode_AndLeavesTheInboxEmpty()
    {
        const long chat = 9_300_001;
        foreach (var step in new[] { "/lapor", "tap:go", "tap:tc:SocialMedia", "Kabid X", "tap:skip", "Kota Contoh", "tap:skip", "kemarin",
            "Kabid X mengunggah ajakan memilih calon bupati nomor 2 di akun Facebook pribadinya kemarin sore." })
        {
            await (step.StartsWith("tap:", StringComparison.Ordinal) ? telegram.TapAsync(chat, step[4..]) : telegram.SendAsync(chat, step));
            Assert.NotEmpty(await telegram.ReceiveAsync(chat));
        }
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(40, 30);
        using var jpeg = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsJpeg(image, jpeg);
        await telegram.SendPhotoAsync(chat, jpeg.ToArray());
        Assert.Contains("(1)", Assert.Single(await telegram.ReceiveAsync(chat)).Text, StringComparison.Ordinal);
        await telegram.SendAsync(chat, "selesai");
        await telegram.ReceiveAsync(chat);
        await telegram.TapAsync(chat, "send");
        Assert.Matches("<b>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}</b>", Assert.Single(await telegram.ReceiveAsync(chat)).Text);
        var inbox = telegram.Get<NetralBot.Storage.Inbox>();
        for (var waited = 0; inbox.Count() > 0 && waited < 50; waited++)
        {
            await Task.Delay(100); // the row goes right after the answer is sent
        }
        Assert.Equal(0, inbox.Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret")]
    [InlineData("netralbot_webhook_secret-12")]
    public async Task Requests_WithoutTheRightSecret_AreRefused(string? secret)
    {
        // A fresh update id and chat for each case (issue 10: a reused id made "no reply" pass even if the update
        // was handled), and afterwards the same update with the right secret is answered: the bot is alive and the
        // refused request did not even mark the id as seen.
        var updateId = 910_000_000 + Interlocked.Increment(ref _nextCase);
        var chat = 9_200_000 + updateId % 1000;
        var update = SampleUpdate.Replace("900000001", updateId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("9100001", chat.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var refused = await PostAsync(update, secret);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty(await telegram.ReceiveAsync(chat, timeout: TimeSpan.FromSeconds(2)));

        using var accepted = await PostAsync(update, TelegramWebhookEmulator.Secret);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.StartsWith("<b>Menu</b>", Assert.Single(await telegram.ReceiveAsync(chat)).Text, StringComparison.Ordinal);
    }

    private static int _nextCase;

    private async Task<HttpResponseMessage> PostAsync(string update, string? secret)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, telegram.ListenUrl + telegram.WebhookPath)
        {
            Content = new StringContent(update, Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add(TelegramWebhook.SecretHeader, secret);
        }
        return await http.SendAsync(request);
    }
}
