using NetralBot.Conversations;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Storage;
using NetralBot.Telegram;
using Telegram.Bot.Types;

namespace NetralBot.Tests.Telegram;

/// <summary>Order per chat, concurrency across chats, and the saved done-mark that makes restarts safe.</summary>
public class UpdateDispatcherTests
{
    private static Update Text(int id, long chat, string text) => new()
    {
        Id = id,
        Message = new Message { Id = id, Date = DateTime.UtcNow, Chat = new Chat { Id = chat, Type = global::Telegram.Bot.Types.Enums.ChatType.Private }, From = new User { Id = chat, FirstName = "x" }, Text = text },
    };

    private static (ChannelOffsets Offsets, string Folder) NewOffsets()
    {
        var folder = Path.Combine(Path.GetTempPath(), "netralbot-dispatch-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Database.Create(StorageProvider.Sqlite, $"Data Source={Path.Combine(folder, "d.db")}");
        database.Initialize(new FakeTimeProvider());
        return (new ChannelOffsets(database, new FakeTimeProvider()), folder);
    }

    [Fact]
    public async Task ManyChatsAtOnce_LeaveNoPerChatStateBehind()
    {
        var (offsets, _) = NewOffsets();
        var chats = new ChatDispatcher();
        var handled = 0;
        var dispatcher = new UpdateDispatcher(async _ =>
        {
            await Task.Yield();
            Interlocked.Increment(ref handled);
        }, chats, offsets, NullLogger<UpdateDispatcher>.Instance);
        dispatcher.Start();

        for (var id = 1; id <= 2_000; id++)
        {
            Assert.True(dispatcher.Accept(Text(id, 100_000 + id, "halo"), "bot"));
        }
        await dispatcher.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2_000, handled);
        // Every chat's queue and worker is gone once its work is done (a worker leaves just after its last update).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (chats.ActiveChats > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Equal(0, chats.ActiveChats);
        Assert.Equal(2_000, dispatcher.Done);
    }

    [Fact]
    public async Task SlowChat_DoesNotHoldUpOthers_AndTheMarkWaitsForIt()
    {
        var (offsets, _) = NewOffsets();
        var release = new TaskCompletionSource();
        var handled = new ConcurrentQueue<string>();
        var dispatcher = new UpdateDispatcher(async u =>
        {
            if (u.Message.Text == "slow")
            {
                await release.Task;
            }
            handled.Enqueue(u.Message.Text!);
        }, new ChatDispatcher(), offsets, NullLogger<UpdateDispatcher>.Instance);
        offsets.Save(UpdateMapper.Channel, 10); // done before the restart
        dispatcher.Start();

        Assert.False(dispatcher.Accept(Text(9, 1, "old"), "bot"));   // done before the restart
        Assert.True(dispatcher.Accept(Text(11, 1, "slow"), "bot"));
        Assert.True(dispatcher.Accept(Text(12, 1, "after slow"), "bot"));
        Assert.True(dispatcher.Accept(Text(13, 2, "other chat"), "bot"));
        Assert.False(dispatcher.Accept(Text(13, 2, "other chat"), "bot")); // a repeat

        await WaitUntil(() => handled.Contains("other chat"));
        Assert.DoesNotContain("after slow", handled);           // chat 1 keeps its order
        Assert.Equal(10, dispatcher.Done);                       // 11 is not done, so nothing past it is marked
        Assert.Equal(10, offsets.Load(UpdateMapper.Channel));

        release.SetResult();
        await dispatcher.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["other chat", "slow", "after slow"], handled);
        Assert.Equal(13, dispatcher.Done);
        Assert.Equal(13, offsets.Load(UpdateMapper.Channel));
    }

    [Fact]
    public async Task AfterARestart_NothingDoneIsHandledAgain()
    {
        var (offsets, _) = NewOffsets();
        var count = 0;
        var first = new UpdateDispatcher(_ => { Interlocked.Increment(ref count); return Task.CompletedTask; }, new ChatDispatcher(), offsets, NullLogger<UpdateDispatcher>.Instance);
        first.Start();
        first.Accept(Text(1, 5, "a"), "bot");
        first.Accept(Text(2, 5, "b"), "bot");
        await first.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(5));

        var second = new UpdateDispatcher(_ => { Interlocked.Increment(ref count); return Task.CompletedTask; }, new ChatDispatcher(), offsets, NullLogger<UpdateDispatcher>.Instance);
        second.Start();
        Assert.False(second.Accept(Text(1, 5, "a"), "bot"));
        Assert.False(second.Accept(Text(2, 5, "b"), "bot"));
        Assert.True(second.Accept(Text(3, 5, "c"), "bot"));
        await second.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(3, count);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        Assert.True(condition());
    }
}
