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
    public async Task BlockedByTheUser_IsUnsubscribed_SoBroadcastsStop_ButTheyCanStillTalk()
    {
        var chat = NewChat();
        var id = chat.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await telegram.SendAsync(chat, "/langganan");
        var ask = Assert.Single(await telegram.ReceiveAsync(chat));
        await telegram.TapAsync(chat, ask.Buttons[^1].Data);                 // skip kabupaten/kota
        var askAgency = Assert.Single(await telegram.ReceiveAsync(chat));
        await telegram.TapAsync(chat, askAgency.Buttons[^1].Data);           // skip agency
        Assert.Single(await telegram.ReceiveAsync(chat));
        var database = telegram.Get<Database>();
        Assert.Equal(1, Active(database, id));

        FaultInjector.FailSendMessage(chat, HttpStatusCode.Forbidden, times: 1);
        await telegram.SendAsync(chat, "/menu");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Active(database, id) == 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Equal(0, Active(database, id));

        await telegram.SendAsync(chat, "/menu");                              // unblocked: replies flow again
        Assert.Single(await telegram.ReceiveAsync(chat));
    }

    private static int Active(Database database, string chatId)
    {
        using var connection = database.Open();
        return Dapper.SqlMapper.ExecuteScalar<int>(connection, "SELECT active FROM subscribers WHERE chat_id = @ChatId", new { ChatId = chatId });
    }

    [Fact]
    public async Task FailureWhileHandling_IsAnsweredWithAnApology_AndTheWorkerGoesOn()
    {
        var chat = NewChat();
        await telegram.SendPhotoAsync(chat, [1, 2, 3], downloadable: false); // getFile fails
        Assert.Contains("Maaf, terjadi gangguan", Assert.Single(await telegram.ReceiveAsync(chat)).Text, StringComparison.Ordinal);
        Assert.Contains(telegram.Logs.GetSnapshot(), r => r.Message.Contains("telegram: handling a message failed", StringComparison.Ordinal));

        await telegram.SendAsync(chat, "/menu");
        Assert.Single(await telegram.ReceiveAsync(chat));
    }
}
