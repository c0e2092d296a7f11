using System.Diagnostics;
using NetralBot.Channels;
using NetralBot.Telegram;

namespace NetralBot.Tests.Broadcasting;

public class OutboundPacerTests
{
    [Fact]
    public async Task TelegramDefaults_PaceOneChat_ToAboutOnePerSecondAfterABurst_WithoutSlowingOthers()
    {
        await using var pacer = new OutboundPacer(new TelegramOptions().Pace);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            await pacer.WaitAsync("1", Traffic.Reply, CancellationToken.None); // burst of 3, then 1/s
        }
        var oneChat = clock.Elapsed;

        clock.Restart();
        for (var chat = 100; chat < 120; chat++)
        {
            await pacer.WaitAsync(chat.ToString(System.Globalization.CultureInfo.InvariantCulture), Traffic.Reply, CancellationToken.None);
        }
        Assert.InRange(oneChat.TotalSeconds, 1.5, 3.5);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.5), $"other chats waited {clock.Elapsed}");
    }

    [Fact]
    public async Task WhenTheChannelIsAtItsLimit_AWaitingReplyGoesBeforeAWaitingBroadcast()
    {
        // One message per second overall, tokens coming back only when the test says (and a second has passed):
        // the first reply takes the only token.
        await using var pacer = new OutboundPacer(new PaceSettings(MessagesPerSecond: 1, BulkMessagesPerSecond: 1, PerChatMessagesPerSecond: 10, PerChatBurst: 10), autoReplenish: false);
        await pacer.WaitAsync("first", Traffic.Reply, CancellationToken.None);

        var broadcast = pacer.WaitAsync("subscriber", Traffic.Bulk, CancellationToken.None); // waiting before the reply
        await Task.Delay(500);
        var reply = pacer.WaitAsync("asker", Traffic.Reply, CancellationToken.None);
        await Task.Delay(600);
        Assert.False(reply.IsCompleted || broadcast.IsCompleted, "nobody may send before a token comes back");

        pacer.Replenish();
        await reply.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(1100); // the broadcast keeps asking meanwhile
        Assert.False(broadcast.IsCompleted, "the broadcast took the token a waiting reply needed");

        pacer.Replenish();
        await broadcast.WaitAsync(TimeSpan.FromSeconds(5)); // and it still goes, in the next period
    }

    [Fact]
    public async Task Broadcasts_KeepToTheirShare_WhileRepliesKeepTheRest()
    {
        // 100/s overall, 5/s for broadcasts: 15 broadcast messages need at least 2 s (a burst of 5, then 5/s) ...
        await using var pacer = new OutboundPacer(new PaceSettings(100, 5, 100, 100));
        var clock = Stopwatch.StartNew();
        var broadcast = Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                await pacer.WaitAsync("s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Traffic.Bulk, CancellationToken.None);
            }
            return clock.Elapsed;
        });
        // ... while 50 replies in the meantime go at once.
        for (var i = 0; i < 50; i++)
        {
            await pacer.WaitAsync("r" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Traffic.Reply, CancellationToken.None);
        }
        var replies = clock.Elapsed;
        Assert.True(replies < TimeSpan.FromSeconds(1), $"replies waited {replies} behind broadcasts");
        Assert.InRange((await broadcast).TotalSeconds, 1.8, 4.5);
    }

    [Fact]
    public async Task WithAnotherWorkerPresent_EachWorkerKeepsToHalfTheBroadcastRate_AndGetsItAllBackWhenItIsGone()
    {
        // 10/s for broadcasts over the whole channel. Two workers: 5/s each, so 10 messages need about 2 s here ...
        var workers = 2;
        await using var pacer = new OutboundPacer(new PaceSettings(100, 10, 100, 100), () => workers);
        async Task<TimeSpan> SendAsync(int count, string prefix)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                await pacer.WaitAsync(prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Traffic.Bulk, CancellationToken.None);
            }
            return clock.Elapsed;
        }
        Assert.InRange((await SendAsync(10, "a")).TotalSeconds, 1.6, 3.5);
        // ... and alone again, 10 messages take about 1 s.
        workers = 1;
        Assert.InRange((await SendAsync(10, "b")).TotalSeconds, 0.7, 1.6);
    }
}
