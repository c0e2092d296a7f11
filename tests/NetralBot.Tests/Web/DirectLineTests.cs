using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NetralBot.Core.Dialogs;
using NetralBot.Storage;

namespace NetralBot.Tests.Web;

/// <summary>The web chat's Direct Line 3.0 API against the real host on loopback: answers, buttons, the anonymous report,
/// tokens, the stream, limits and what is (not) kept about a visitor.</summary>
public partial class DirectLineTests
{
    [Fact]
    public async Task SlangQuestion_GetsTheVerdict_AsAReplyToIt_AndTheButtonsWork()
    {
        await using var bot = await new WebBot().StartAsync();
        using var chat = await new DirectLineClient(bot.BaseUrl).StartAsync();

        var asked = await chat.SayAsync("min asn boleh ngelike postingan caleg ga?");
        var answer = await chat.WaitForReplyToAsync(asked);
        Assert.StartsWith("**❌ TIDAK BOLEH**", (string)answer["text"]!, StringComparison.Ordinal);
        Assert.Equal("markdown", (string?)answer["textFormat"]);
        Assert.Contains(chat.Received, a => (string?)a["type"] == "typing");
        var actions = DirectLineClient.Actions(answer);
        Assert.Contains(actions, a => a.Title == "📖 Selengkapnya");
        Assert.All(answer["suggestedActions"]!["actions"]!.AsArray(), a => Assert.Equal("postBack", (string?)a!["type"]));

        var tapped = await chat.TapAsync(actions.First(a => a.Title == "📖 Selengkapnya").Value);
        var more = await chat.WaitForReplyToAsync(tapped);
        Assert.NotEqual((string)answer["text"]!, (string)more["text"]!);
        Assert.Contains("PP 94/2021", (string)more["text"]!, StringComparison.Ordinal);

        // An imBack is plain text: the button's value typed as text still picks it.
        var menu = await chat.WaitForReplyToAsync(await chat.SayAsync(Payloads.Menu));
        Assert.StartsWith("**Menu**", (string)menu["text"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_AreScopedToOneConversation_RefreshAndGenerateWork_ForgeriesAreRefused()
    {
        const string secret = "a-web-chat-secret-of-at-least-32-chars";
        await using var bot = await new WebBot(settings: new Dictionary<string, string?> { ["WebChat:Secret"] = secret }).StartAsync();
        using var first = await new DirectLineClient(bot.BaseUrl).StartAsync(bearer: null); // no header at all
        using var second = await new DirectLineClient(bot.BaseUrl).StartAsync();
        Assert.NotEqual(first.ConversationId, second.ConversationId);

        // The second conversation's token does not open the first.
        Assert.Equal(HttpStatusCode.Forbidden, (await second.GetActivitiesAsync(conversationId: first.ConversationId)).Status);
        using (var posted = await second.PostAsync(new JsonObject { ["type"] = "message", ["text"] = "halo" }, first.ConversationId))
        {
            Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        }
        var genuine = first.Token;
        first.Token = genuine[..^2] + (genuine[^2] == 'A' ? "B" : "A") + genuine[^1];
        Assert.Equal(HttpStatusCode.Forbidden, (await first.GetActivitiesAsync()).Status);
        first.Token = genuine;

        using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl + "/v3/directline/") };
        using (var refresh = new HttpRequestMessage(HttpMethod.Post, "tokens/refresh"))
        {
            refresh.Headers.Authorization = new AuthenticationHeaderValue("Bearer", genuine);
            using var refreshed = await http.SendAsync(refresh);
            var body = JsonNode.Parse(await refreshed.Content.ReadAsStringAsync())!;
            Assert.Equal(first.ConversationId, (string?)body["conversationId"]);
            first.Token = (string)body["token"]!;
            Assert.Equal(HttpStatusCode.OK, (await first.GetActivitiesAsync()).Status);
        }

        using (var refused = await http.PostAsync("tokens/generate", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using var generate = new HttpRequestMessage(HttpMethod.Post, "tokens/generate");
        generate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var generated = await http.SendAsync(generate);
        var ticket = JsonNode.Parse(await generated.Content.ReadAsStringAsync())!;
        using var minted = await new DirectLineClient(bot.BaseUrl).StartAsync((string)ticket["token"]!);
        Assert.Equal((string?)ticket["conversationId"], minted.ConversationId);
        await minted.WaitForReplyToAsync(await minted.SayAsync("boleh pasang twibbon capres?"));
    }

    [Fact]
    public async Task TokenAndWatermark_StayValidAcrossARestart()
    {
        var bot = await new WebBot().StartAsync();
        using var chat = await new DirectLineClient(bot.BaseUrl).StartAsync();
        var before = await chat.WaitForReplyToAsync(await chat.SayAsync("boleh foto sama paslon?"));

        bot = await bot.RestartAsync();
        await using (bot)
        {
            var (status, body) = await chat.GetActivitiesAsync();
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Empty(body!["activities"]!.AsArray()); // nothing seen is sent again
            var after = await chat.WaitForReplyToAsync(await chat.SayAsync("/menu"));
            Assert.True(string.CompareOrdinal((string)after["id"]!, (string)before["id"]!) > 0);
        }
    }

    [Fact]
    public async Task Stream_DeliversTheAnswer_OverAWebSocket_WithTheTokenInTheUrl()
    {
        await using var bot = await new WebBot().StartAsync();
        using var chat = await new DirectLineClient(bot.BaseUrl).StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(chat.StreamUrl), CancellationToken.None);
        var asked = await chat.SayAsync("boleh dateng kampanye pas cuti?");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[256 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            var frame = Encoding.UTF8.GetString(buffer, 0, result.Count);
            if (frame.Length == 0)
            {
                continue;
            }
            var activities = JsonNode.Parse(frame)!["activities"]!.AsArray();
            if (activities.Any(a => (string?)a!["replyToId"] == asked && ((string?)a["text"])?.Contains("TIDAK BOLEH", StringComparison.Ordinal) == true))
            {
                break;
            }
        }

        using var wrong = new ClientWebSocket();
        var forged = chat.StreamUrl.Replace("t=", "t=x", StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<WebSocketException>(() => wrong.ConnectAsync(new Uri(forged), CancellationToken.None));
    }

    [Fact]
    public async Task ReportNotice_AQuestionTypedInstead_IsAnswered_OtherTextShowsTheWholeNoticeAgain()
    {
        await using var bot = await new WebBot().StartAsync();
        using var chat = await new DirectLineClient(bot.BaseUrl).StartAsync();
        async Task<string> Say(string text) => (string)(await chat.WaitForReplyToAsync(await chat.SayAsync(text)))["text"]!;

        var notice = await Say("/lapor");
        Assert.Contains("TIDAK BOLEH", await Say("boleh like postingan caleg?"), StringComparison.Ordinal);
        await Say("/lapor");
        var again = await Say("hmm");
        Assert.Equal(notice, again);
        Assert.Contains("tidak menyimpan alamat IP", again, StringComparison.Ordinal); // not "{channel_limit}"
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task AnonymousReport_WithAPhoto_GetsAReceiptCode_AndLeavesNoTraceOfTheVisitor(StorageProvider provider)
    {
        await using var bot = await new WebBot(provider: provider).StartAsync();
        using var chat = await new DirectLineClient(bot.BaseUrl).StartAsync();
        const string agent = "NetralBotTestAgent/9.9";
        const string address = "203.0.113.77";

        async Task<JsonObject> Say(string text) => await chat.WaitForReplyToAsync(await chat.SayAsync(text));
        async Task<JsonObject> Tap(string value) => await chat.WaitForReplyToAsync(await chat.TapAsync(value));

        var notice = await Say("/lapor");
        Assert.Contains("anonim", (string)notice["text"]!, StringComparison.Ordinal);
        Assert.Contains("tidak menyimpan alamat IP", (string)notice["text"]!, StringComparison.Ordinal); // what the web channel reveals
        Assert.DoesNotContain("Telegram", (string)notice["text"]!, StringComparison.Ordinal);
        var kinds = await Tap(Payloads.Continue);
        await Tap(DirectLineClient.Actions(kinds)[2].Value);
        await Say("Bapak Terlapor Web");
        await Say("Dinas Contoh");
        await Say("Sleman");
        await Tap(Payloads.Skip);
        await Say("kemarin");
        var evidence = await Say("Kepala dinas mengumpulkan staf di aula dan meminta semua memilih paslon nomor 2 sambil membagikan kaos.");
        Assert.Contains("8/8", (string)evidence["text"]!, StringComparison.Ordinal);

        using (var upload = await chat.UploadAsync(EvidenceTests.PhotoWithGpsAndCamera(), "bukti.jpg", "image/jpeg"))
        {
            upload.EnsureSuccessStatusCode();
            var id = (string)JsonNode.Parse(await upload.Content.ReadAsStringAsync())!["id"]!;
            Assert.Contains("Bukti tersimpan (1)", (string)(await chat.WaitForReplyToAsync(id))["text"]!, StringComparison.Ordinal);
        }
        var summary = await Say("selesai");
        Assert.Contains("Bapak Terlapor Web", (string)summary["text"]!, StringComparison.Ordinal);
        var sent = await Tap(Payloads.Send);
        Assert.Matches(ReceiptCode(), (string)sent["text"]!);
        var code = ReceiptCode().Match((string)sent["text"]!).Value;

        // Following the tip up works on the web as elsewhere.
        var status = await Say("/status " + code);
        Assert.Contains("Status laporan:", (string)status["text"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("tidak ditemukan", (string)status["text"]!, StringComparison.Ordinal);

        // Requests that carried an address and a user agent, as a proxy and a browser would send them.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{bot.BaseUrl}/v3/directline/conversations/{chat.ConversationId}/activities");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", chat.Token);
        request.Headers.TryAddWithoutValidation("User-Agent", agent);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", address);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();

        await bot.StopAsync();
        var stored = bot.DatabaseBytesAsText() + string.Concat(Directory.EnumerateFiles(bot.Folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".db", StringComparison.Ordinal) && !f.Contains(".db-", StringComparison.Ordinal) && !f.EndsWith(".key", StringComparison.Ordinal))
            .Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        var logs = bot.AllLogText();
        Assert.Contains("A tip was received", logs, StringComparison.Ordinal);
        foreach (var trace in new[] { chat.Token, chat.ConversationId, "pengunjung", agent, address, "Bapak Terlapor Web" }
            .Concat(provider == StorageProvider.Sqlite ? ["127.0.0.1"] : [])) // PostgreSQL's own log names its clients' address
        {
            Assert.DoesNotContain(trace, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(trace, logs, StringComparison.Ordinal);
        }
        // The visitor's echoes do not carry the id the page chose for them (they are stored with the conversation).
        var echoes = chat.Received.Where(a => (string?)a["from"]?["role"] == "user").ToList();
        Assert.NotEmpty(echoes);
        Assert.All(echoes, a => Assert.Equal("user", (string?)a["from"]!["id"]));
        // The conversation's recent activities are stored (any worker may serve the next poll), but encrypted: the reply
        // that carried the receipt code is not readable in the database.
        Assert.DoesNotContain(code, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Status laporan:", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_RefuseFloods_BadInput_AndUnknownSites()
    {
        await using var bot = await new WebBot(settings: new Dictionary<string, string?>
        {
            ["WebChat:MessagesPerMinutePerConversation"] = "3",
            ["WebChat:AllowedOrigins:0"] = "https://bkpsdm.example.go.id",
        }).StartAsync();
        using var chat = await new DirectLineClient(bot.BaseUrl).StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await chat.SayAsync("halo");
        }
        using (var flooded = await chat.PostAsync(new JsonObject { ["type"] = "message", ["text"] = "halo lagi" }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, flooded.StatusCode);
        }

        using var other = await new DirectLineClient(bot.BaseUrl).StartAsync();
        using (var huge = await other.PostAsync(new JsonObject { ["type"] = "message", ["text"] = new string('a', 5000) }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
            Assert.Contains("terlalu panjang", await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var http = new HttpClient();
        using (var broken = new HttpRequestMessage(HttpMethod.Post, $"{bot.BaseUrl}/v3/directline/conversations/{other.ConversationId}/activities"))
        {
            broken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", other.Token);
            broken.Content = new StringContent("{not json", Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(broken)).StatusCode);
        }
        await other.WaitForReplyToAsync(await other.SayAsync("boleh like postingan bawaslu?")); // still answering

        foreach (var (origin, allowed) in new[] { ("https://bkpsdm.example.go.id", true), ("https://evil.example", false) })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, $"{bot.BaseUrl}/v3/directline/conversations");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            using var response = await http.SendAsync(preflight);
            Assert.Equal(allowed, response.Headers.Contains("Access-Control-Allow-Origin"));
        }
    }

    [Fact]
    public async Task Subscriber_OnTheWeb_ReceivesABroadcast_WithoutReplyToId()
    {
        await using var bot = await new WebBot(settings: new Dictionary<string, string?> { ["Broadcasts:Concurrency"] = "1" }).StartAsync();
        using var chat = await new DirectLineClient(bot.BaseUrl).StartAsync();
        var regencies = await chat.WaitForReplyToAsync(await chat.SayAsync("/langganan"));
        var agencies = await chat.WaitForReplyToAsync(await chat.TapAsync(DirectLineClient.Actions(regencies)[0].Value));
        var subscribed = await chat.WaitForReplyToAsync(await chat.TapAsync(DirectLineClient.Actions(agencies)[0].Value));
        Assert.Contains("berlangganan", (string)subscribed["text"]!, StringComparison.Ordinal);

        bot.Get<NetralBot.Storage.Broadcasts>().Create("Ingat, ASN dilarang berpose dengan simbol jari.", "test");
        var broadcast = await chat.WaitForBotAsync(a => ((string?)a["text"])?.Contains("simbol jari", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30));
        Assert.Null(broadcast["replyToId"]);
    }

    [Fact]
    public async Task BehindATlsProxy_TheStreamUrlIsWss_WithThePrefix()
    {
        await using var bot = await new WebBot().StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, bot.BaseUrl + "/v3/directline/conversations");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "bot.example.go.id");
        request.Headers.Add("X-Forwarded-Prefix", "/netralbot");
        using var response = await http.SendAsync(request);
        var stream = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["streamUrl"]!;
        Assert.StartsWith("wss://bot.example.go.id/netralbot/v3/directline/conversations/", stream, StringComparison.Ordinal);
    }

    [GeneratedRegex("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")]
    private static partial Regex ReceiptCode();
}
