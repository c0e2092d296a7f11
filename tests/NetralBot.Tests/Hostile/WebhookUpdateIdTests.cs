using NetralBot.Conversations;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Storage;
using NetralBot.Telegram;
using Telegram.Bot.Types;

namespace NetralBot.Tests.Hostile;

/// <summary>
/// With the right secret, update_id 2147483647 became a high-water mark that silenced every later update, also after
/// a restart (issue 10). A webhook deduplicates by the ids it has actually seen.
/// </summary>
public class WebhookUpdateIdTests
{
    private static Update Text(int id, long chat, string text) => new()
    {
        Id = id,
        Message = new Message { Id = 1, Date = DateTime.UtcNow, Chat = new Chat { Id = chat, Type = global::Telegram.Bot.Types.Enums.ChatType.Private }, From = new User { Id = chat, FirstName = "x" }, Text = text },
    };

    [Fact]
    public async Task Issue10_WebhookAfterTheHighestPossibleId_StillTakesLowerNewIds_AndDropsRepeats_AcrossRestarts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "netralbot-webhook-ids", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var database = Database.Create(StorageProvider.Sqlite, $"Data Source={Path.Combine(folder, "d.db")}");
        database.Initialize(time);
        var handled = new ConcurrentQueue<string>();
        UpdateDispatcher NewDispatcher()
        {
            var dispatcher = new UpdateDispatcher(u => { handled.Enqueue(u.Message.Text!); return Task.CompletedTask; },
                new ChatDispatcher(), new ChannelOffsets(database, time), NullLogger<UpdateDispatcher>.Instance, new SeenUpdates(database, time));
            dispatcher.Start();
            return dispatcher;
        }

        var first = NewDispatcher();
        Assert.True(first.Accept(Text(int.MaxValue, 1, "odd id"), "bot"));
        Assert.True(first.Accept(Text(500, 2, "new chat, lower id"), "bot"));
        Assert.False(first.Accept(Text(500, 2, "new chat, lower id"), "bot")); // a repeat
        await first.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(5));

        var afterRestart = NewDispatcher();
        Assert.False(afterRestart.Accept(Text(500, 2, "repeat after restart"), "bot"));
        Assert.True(afterRestart.Accept(Text(501, 3, "later update"), "bot"));
        time.Advance(TimeSpan.FromDays(8)); // a week without updates: Telegram may start the ids again
        Assert.True(afterRestart.Accept(Text(1, 4, "ids restarted"), "bot"));
        await afterRestart.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(5));

        // Different chats run concurrently, so compare without order; each handled exactly once.
        Assert.Equal(new[] { "ids restarted", "later update", "new chat, lower id", "odd id" }, handled.Order(StringComparer.Ordinal));
    }
}
