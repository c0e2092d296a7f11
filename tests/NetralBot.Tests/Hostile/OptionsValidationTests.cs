using Microsoft.Extensions.Options;

namespace NetralBot.Tests.Hostile;

/// <summary>Invalid options stop the bot at start-up with a message naming the option (issue 10).</summary>
public class OptionsValidationTests
{
    [Theory]
    [InlineData("Telegram:Mode", "websocket", "Telegram:Mode must be 'polling' or 'webhook'")]
    [InlineData("Telegram:PerChatMessagesPerSecond", "0", "Telegram:PerChatMessagesPerSecond must be at least 1")]
    [InlineData("Telegram:PerChatMessagesPerSecond", "-5", "Telegram:PerChatMessagesPerSecond must be at least 1")]
    [InlineData("Telegram:PerChatBurst", "0", "Telegram:PerChatBurst must be between 1 and 1000")]
    [InlineData("Telegram:PollingTimeoutSeconds", "-1", "Telegram:PollingTimeoutSeconds must be between 0 and 300")]
    [InlineData("Telegram:RetryThresholdSeconds", "-1", "Telegram:RetryThresholdSeconds must be between 0 and 3600")]
    [InlineData("Telegram:WebhookSecret", "geheim mit leerzeichen", "Telegram:WebhookSecret must be 1 to 256")]
    [InlineData("Telegram:ApiBaseUrl", "localhost:8081", "Telegram:ApiBaseUrl must be an absolute http(s) address")]
    [InlineData("Admins:Users:0", "123456789", "Admins:Users entry '123456789' must be channel:user id")]
    public async Task Issue10_InvalidOption_StopsAtStartNamingIt(string key, string value, string expected)
    {
        using var bot = new TestBot(settings: new Dictionary<string, string?> { [key] = value });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(bot.StartAsync);

        Assert.Contains(expected, string.Join(" ", ex.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:9/hook")]
    [InlineData(null, "")]
    [InlineData("http://127.0.0.1:8081", "")]
    public async Task Issue10_WebhookModeWithoutAUsableAddress_StopsAtStart(string? apiBaseUrl, string webhookUrl)
    {
        using var bot = new TestBot(settings: new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "webhook",
            ["Telegram:ApiBaseUrl"] = apiBaseUrl,
            ["Telegram:WebhookUrl"] = webhookUrl,
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(bot.StartAsync);

        Assert.Contains("Telegram:WebhookUrl must be the public https:// address", string.Join(" ", ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue10_RunWithAnInvalidMode_ExitsOneNamingTheOption()
    {
        using var cli = new CliRunner();
        cli.Environment["NETRALBOT__Telegram__BotToken"] = "123:abc";
        cli.Environment["NETRALBOT__Telegram__ApiBaseUrl"] = "http://127.0.0.1:9";
        cli.Environment["NETRALBOT__Telegram__Mode"] = "websocket";

        var result = await cli.RunAsync("", "run", "--dialogs", CliRunner.RepositoryDialogs);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Telegram:Mode must be 'polling' or 'webhook'", result.Stderr, StringComparison.Ordinal);
    }
}
