using System.Diagnostics;
using System.Net;
using NetralBot.Storage;

namespace NetralBot.Tests.Telegram;

/// <summary>Faults the emulator cannot produce, injected between the real client and the emulator.</summary>
[Collection(TelegramCollection.Name)]
public class TelegramFaultTests(TelegramEmulator telegram)
{
    private static long _nextChat = 8_000_000;

    private static long NewChat() => Interlocked.Increment(ref _nextChat);

    [Fact]
    public async Task ServerError_IsRetried_AndTheReplyArrives()
    {
        var chat = NewChat();
        FaultInjector.FailSendMessage(chat, HttpStatusCode.BadGateway, times: 2);
        await telegram.SendAsync(chat, "/menu");
        Assert.Single(await telegram.ReceiveAsync(chat));
        Assert.Equal(2, FaultInjector.InjectedFor(chat));
    }

    [Fact]
    public async Task TooManyRequests_WaitsRetryAfter_InThatChatOnly()
    {
        var slow = NewChat();
        var other = NewChat();
        FaultInjector.FailSendMessage(slow, HttpStatusCode.TooManyRequests, times: 1, retryAfter: 3);
        var clock = Stopwatch.StartNew();
        await telegram.SendAsync(slow, "/menu");
        await telegram.SendAsync(other, "/menu");

        Assert.Single(await telegram.ReceiveAsync(other));
        var otherArrived = clock.Elapsed;
        Assert.Single(await telegram.ReceiveAsync(slow));
        var slowArrived = clock.Elapsed;
        Assert.True(otherArrived < TimeSpan.FromSeconds(2.5), $"the other chat waited {otherArrived}");
        Assert.True(slowArrived >= TimeSpan.FromSeconds(2.9), $"retry_after was not honoured: {slowArrived}");
    }

    [Fact]
    public async Task BlockedByTheUser_IsRecorded_AndClearedWhenTheyWriteAgain()
    {
        var chat = NewChat();
        FaultInjector.FailSendMessage(chat, HttpStatusCode.Forbidden, times: 1);
        await telegram.SendAsync(chat, "/menu");
        var key = telegram.Get<ConversationKeys>().For("telegram", chat.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var blocked = telegram.Get<BlockedConversations>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!blocked.IsBlocked(key) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.True(blocked.IsBlocked(key));

        await telegram.SendAsync(chat, "/menu");
        Assert.Single(await telegram.ReceiveAsync(chat));
        Assert.False(blocked.IsBlocked(key));
    }

    [Fact]
    public async Task FailureWhileHandling_IsAnsweredWithAnApology_AndTheWorkerGoesOn()
    {
        var chat = NewChat();
        await telegram.SendPhotoAsync(chat, [1, 2, 3], downloadable: false); // getFile fails
        Assert.Contains("Maaf, terjadi gangguan", Assert.Single(await telegram.ReceiveAsync(chat)).Text, StringComparison.Ordinal);
        Assert.Contains(telegram.Logs.GetSnapshot(), r => r.Message.Contains("Handling a Telegram update failed", StringComparison.Ordinal));

        await telegram.SendAsync(chat, "/menu");
        Assert.Single(await telegram.ReceiveAsync(chat));
    }
}
