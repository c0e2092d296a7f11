using System.Net;
using System.Net.Http.Headers;

namespace NetralBot.Tests.Web;

/// <summary>/healthz, /readyz and /metrics on the one HTTP host.</summary>
public class HealthAndMetricsTests
{
    [Fact]
    public async Task ChatPage_AndWidget_AreServed_FromTheProgram_WithAStrictPolicy()
    {
        await using var bot = await new WebBot().StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(bot.BaseUrl) };
        using var page = await http.GetAsync("/chat");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Tanya netralitas ASN", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var slash = await http.GetAsync("/chat/?embed=1");
        Assert.Equal("../chat?embed=1", slash.Headers.Location?.OriginalString);
        foreach (var asset in new[] { "/chat/chat.css", "/chat/chat.js", "/widget.js", "/webchat-directline.js" })
        {
            using var plain = await http.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            using var compressed = await http.SendAsync(request);
            Assert.Equal("gzip", Assert.Single(compressed.Content.Headers.ContentEncoding));
            Assert.True((await compressed.Content.ReadAsByteArrayAsync()).Length < (await plain.Content.ReadAsByteArrayAsync()).Length);
        }
    }

    private const string MetricsToken = "metrics-token-for-the-tests-0123";

    [Fact]
    public async Task Ready_Health_AndMetrics_WithoutChatIdsOrQuestionText()
    {
        await using var bot = await new WebBot(settings: new Dictionary<string, string?> { ["Http:MetricsToken"] = MetricsToken }).StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        using var chat = await new DirectLineClient(bot.BaseUrl).StartAsync();
        const string question = "boleh ga sih ikut grup WA pemenangan paslon?";
        await chat.WaitForReplyToAsync(await chat.SayAsync(question));
        await chat.WaitForReplyToAsync(await chat.SayAsync("xqzv"));

        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("netralbot_messages_handled_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("channel=\"web\"", metrics, StringComparison.Ordinal);
        Assert.Contains("intent=\"guidance\"", metrics, StringComparison.Ordinal);
        Assert.Contains("netralbot_answer_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("netralbot_answers_not_understood_total", metrics, StringComparison.Ordinal);
        Assert.Contains("netralbot_outbox_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("netralbot_inbox_depth", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(chat.ConversationId, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("pemenangan", metrics, StringComparison.Ordinal);

        // Through a proxy (or from another machine) only with the token.
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        forwarded.Headers.Add("X-Forwarded-For", "198.51.100.4");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(forwarded)).StatusCode);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        withToken.Headers.Add("X-Forwarded-For", "198.51.100.4");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MetricsToken);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(withToken)).StatusCode);
    }
}
