using System.Diagnostics;
using Microsoft.Extensions.Options;
using NetralBot.Telegram;

namespace NetralBot.Tests.Telegram;

public class OutboundLimiterTests
{
    [Fact]
    public async Task Defaults_PaceOneChat_ToAboutOnePerSecondAfterABurst_WithoutSlowingOthers()
    {
        await using var limiter = new OutboundLimiter(Options.Create(new TelegramOptions()));
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            await limiter.WaitAsync(1, CancellationToken.None); // burst of 3, then 1/s
        }
        var oneChat = clock.Elapsed;

        clock.Restart();
        for (var chat = 100; chat < 120; chat++)
        {
            await limiter.WaitAsync(chat, CancellationToken.None);
        }
        Assert.InRange(oneChat.TotalSeconds, 1.5, 3.5);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.5), $"other chats waited {clock.Elapsed}");
    }
}
