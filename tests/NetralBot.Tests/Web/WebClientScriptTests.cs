namespace NetralBot.Tests.Web;

/// <summary>
/// Microsoft's own clients and a real browser against the running host: botframework-directlinejs in node by polling
/// and by WebSocket, our /chat page and one-line widget in headless Chromium, and Microsoft's Web Chat bundle in
/// Chromium (scripts in Web/js; each prints one JSON line per step and exits 0 only when all passed).
/// </summary>
[Collection(WebClientCollection.Name)]
public class WebClientScriptTests
{
    [Theory]
    [InlineData("polling")]
    [InlineData("websocket")]
    public async Task DirectLineJs_AsksInSlang_TapsAButton_AndSendsAWholeReport(string transport)
    {
        await using var bot = await new WebBot().StartAsync();
        var (exit, output) = await WebClientTools.NodeAsync("directline.mjs", bot.BaseUrl, transport);
        Assert.True(exit == 0, output);
        Assert.Matches("\"step\":\"done\",\"ok\":true", output);
        Assert.Matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", output);
    }

    [Fact]
    public async Task OwnChatPage_AndWidget_InChromium()
    {
        await using var bot = await new WebBot().StartAsync();
        var (exit, output) = await WebClientTools.NodeAsync("widget-browser.mjs", bot.BaseUrl);
        Assert.True(exit == 0, output);
        Assert.Matches("\"step\":\"done\",\"ok\":true", output);
    }

    /// <summary>
    /// online: Web Chat's own Direct Line, asked once its stream is open. at-once: the page takes its Direct Line from the
    /// bot's /webchat-directline.js, the conversation's start is answered 1.5 s late (a slow connection) and the question
    /// is typed as soon as the send box shows, while Web Chat still connects: it must be answered all the same (Web Chat's
    /// own Direct Line leaves it unsent in the box). start-refused: as at-once, but the start is answered 503: Web Chat
    /// says it cannot connect and marks the question as not sent.
    /// </summary>
    [Theory]
    [InlineData("online")]
    [InlineData("at-once")]
    [InlineData("start-refused")]
    public async Task MicrosoftWebChat_InChromium(string mode)
    {
        var pagePort = Telegram.TelegramEmulator.FreePort();
        await using var bot = await new WebBot(settings: new Dictionary<string, string?> { ["WebChat:AllowedOrigins:0"] = $"http://127.0.0.1:{pagePort}" }).StartAsync();
        var (exit, output) = await WebClientTools.NodeAsync("webchat-browser.mjs", bot.BaseUrl, pagePort.ToString(System.Globalization.CultureInfo.InvariantCulture), mode);
        Assert.True(exit == 0, output);
        Assert.Matches("\"step\":\"done\",\"ok\":true", output);
    }
}

/// <summary>The browser tests run one at a time (two cores; Chromium is heavy).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WebClientCollection
{
    public const string Name = "Web clients (node, Chromium)";
}
