using System.Net;
using NetralBot.Tests.Web;

namespace NetralBot.Tests.WhatsApp;

/// <summary>The WhatsApp channel end to end: the real host on loopback against the Cloud API double.</summary>
public sealed class WhatsAppChannelTests
{
    private const string WaId = "6281234567890";

    private static async Task<(CloudApiDouble Api, WebBot Bot)> StartAsync()
    {
        var api = await new CloudApiDouble().StartAsync();
        var bot = await new WebBot(settings: api.BotSettings()).StartAsync();
        return (api, bot);
    }

    [Fact]
    public async Task Verify_RightToken_AnswersTheChallenge_WrongToken_Forbidden()
    {
        var (api, bot) = await StartAsync();
        await using (api)
        await using (bot)
        {
            using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };
            using var right = await http.GetAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={CloudApiDouble.VerifyToken}&hub.challenge=1158201444");
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            Assert.Equal("1158201444", await right.Content.ReadAsStringAsync());

            using var wrong = await http.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444");
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
            using var mode = await http.GetAsync($"/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token={CloudApiDouble.VerifyToken}&hub.challenge=1");
            Assert.Equal(HttpStatusCode.Forbidden, mode.StatusCode);
        }
    }

    [Fact]
    public async Task SlangQuestion_GetsTheVerdictInBold_WithChoices_AndTappingOneGetsTheNextAnswer()
    {
        var (api, bot) = await StartAsync();
        await using (api)
        await using (bot)
        {
            var delivery = CloudApiDouble.Delivery(WaId, "wamid.IN1", CloudApiDouble.TextContent("min asn boleh ngelike postingan caleg ga?"));
            using (var posted = await CloudApiDouble.PostAsync(bot.BaseUrl, delivery))
            {
                Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            }
            var sent = await api.WaitForAsync(WaId);
            var answer = sent[^1];
            Assert.Equal(CloudApiDouble.PhoneNumberId, answer.PhoneNumberId);
            Assert.Equal("Bearer " + CloudApiDouble.AccessToken, answer.Authorization);
            Assert.Equal("whatsapp", (string?)answer.Body["messaging_product"]);
            var verdict = sent.First();
            Assert.StartsWith("*❌ TIDAK BOLEH*", verdict.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("**", string.Concat(sent.Select(s => s.Text)), StringComparison.Ordinal);
            Assert.Contains(answer.InteractiveType, new[] { "button", "list" });
            Assert.NotEmpty(answer.ChoiceIds);
            Assert.All(answer.ChoiceTitles, t => Assert.True(t.Length <= (answer.InteractiveType == "button" ? 20 : 24), t));
            Assert.True(answer.Text.Length <= 1024);

            var titles = answer.ChoiceTitles;
            var pick = titles.Select((t, i) => (t, i)).FirstOrDefault(x => x.t.Contains("Selengkapnya", StringComparison.Ordinal)).i;
            var before = api.SentMessages.Count(s => s.To == WaId);
            using (var tapped = await CloudApiDouble.PostAsync(bot.BaseUrl,
                CloudApiDouble.Delivery(WaId, "wamid.IN2", CloudApiDouble.ButtonReply(answer.ChoiceIds[pick], titles[pick]))))
            {
                Assert.Equal(HttpStatusCode.OK, tapped.StatusCode);
            }
            var next = (await api.WaitForAsync(WaId, skip: before))[0];
            Assert.NotEqual(verdict.Text, next.Text);
            // The details may come as more than one message: wait for the one that cites the basis.
            var details = "";
            for (var deadline = DateTime.UtcNow.AddSeconds(20); !details.Contains("PP 94/2021", StringComparison.Ordinal) && DateTime.UtcNow < deadline; await Task.Delay(25))
            {
                details = string.Concat(api.SentMessages.Where(s => s.To == WaId).Skip(before).Select(s => s.Text));
            }
            Assert.Contains("PP 94/2021", details, StringComparison.Ordinal);
            var logs = bot.AllLogText();
            Assert.DoesNotContain(WaId, logs, StringComparison.Ordinal);
            Assert.DoesNotContain("wamid", logs, StringComparison.Ordinal);
            Assert.DoesNotContain(CloudApiDouble.AccessToken, logs, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("", HttpStatusCode.Unauthorized)]
    [InlineData("sha256=00", HttpStatusCode.Forbidden)]
    [InlineData("wrong-secret", HttpStatusCode.Forbidden)]
    public async Task Delivery_WithoutAValidSignature_IsRefused_AndNothingIsSent(string signature, HttpStatusCode expected)
    {
        var (api, bot) = await StartAsync();
        await using (api)
        await using (bot)
        {
            var delivery = CloudApiDouble.Delivery(WaId, "wamid.FORGED", CloudApiDouble.TextContent("halo"));
            if (signature == "wrong-secret")
            {
                signature = CloudApiDouble.Sign(System.Text.Encoding.UTF8.GetBytes(delivery), "another-secret");
            }
            using var posted = await CloudApiDouble.PostAsync(bot.BaseUrl, delivery, signature);
            Assert.Equal(expected, posted.StatusCode);
            // A correctly signed message afterwards is answered; the forged one never was.
            using var genuine = await CloudApiDouble.PostAsync(bot.BaseUrl, CloudApiDouble.Delivery("6289999", "wamid.OK", CloudApiDouble.TextContent("halo")));
            await api.WaitForAsync("6289999");
            Assert.DoesNotContain(api.SentMessages, s => s.To == WaId);
        }
    }

    [Fact]
    public async Task Signature_InUpperCaseHex_IsAccepted()
    {
        var (api, bot) = await StartAsync();
        await using (api)
        await using (bot)
        {
            var delivery = CloudApiDouble.Delivery(WaId, "wamid.UPPER", CloudApiDouble.TextContent("halo"));
            var signature = "sha256=" + CloudApiDouble.Sign(System.Text.Encoding.UTF8.GetBytes(delivery))["sha256=".Length..].ToUpperInvariant();
            using var posted = await CloudApiDouble.PostAsync(bot.BaseUrl, delivery, signature);
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            await api.WaitForAsync(WaId);
        }
    }

    [Fact]
    public async Task RepeatedDelivery_OfOneMessageId_IsHandledOnce()
    {
        var (api, bot) = await StartAsync();
        await using (api)
        await using (bot)
        {
            var delivery = CloudApiDouble.Delivery(WaId, "wamid.REPEAT", CloudApiDouble.TextContent("halo 👋 pak"));
            Assert.Contains("\\uD83D", delivery, StringComparison.Ordinal); // non-ASCII arrives escaped, as from Meta: signed as sent
            for (var i = 0; i < 3; i++)
            {
                using var posted = await CloudApiDouble.PostAsync(bot.BaseUrl, delivery);
                Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            }
            var first = await api.WaitForAsync(WaId);
            await Task.Delay(1500); // time for any repeat to have been answered too
            Assert.Equal(first.Count, api.SentMessages.Count(s => s.To == WaId));
        }
    }

    [Fact]
    public async Task Sticker_GetsTheShortTextOnlyReply()
    {
        var (api, bot) = await StartAsync();
        await using (api)
        await using (bot)
        {
            var sticker = new System.Text.Json.Nodes.JsonObject { ["type"] = "sticker", ["sticker"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "1234", ["mime_type"] = "image/webp" } };
            using var posted = await CloudApiDouble.PostAsync(bot.BaseUrl, CloudApiDouble.Delivery(WaId, "wamid.STICKER", sticker));
            var sent = await api.WaitForAsync(WaId);
            Assert.Contains("hanya bisa membaca teks", sent[0].Text, StringComparison.Ordinal);
        }
    }
}
