using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Testing;
using NetralBot.Conversations;
using NetralBot.Storage;

namespace NetralBot.Tests.Conversations;

/// <summary>
/// A message whose handling ends the process every time (not an error the worker catches: a crash) must not take the
/// bot down for everyone, forever: after <see cref="InboxWorker.MaxAttempts"/> cut-short attempts it is dropped, and
/// the conversation's next message is answered.
/// </summary>
public sealed class InboxWorkerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "netralbot-inboxworker-" + Guid.NewGuid().ToString("N"));

    public InboxWorkerTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task AMessageThatEndedTheProcessThreeTimes_IsDropped_AndTheConversationGoesOn()
    {
        var database = Database.Create(StorageProvider.Sqlite, $"Data Source={Path.Combine(_folder, "bot.db")}");
        database.Initialize(TimeProvider.System);
        var cipher = new TipCipher(RandomNumberGenerator.GetBytes(32));
        Inbox NewInbox() => new(database, new SeenUpdates(database, TimeProvider.System), cipher, TimeProvider.System);
        var inbox = NewInbox();
        Assert.True(inbox.Add("whatsapp", 1, null, "conversation", "poison"u8));
        Assert.True(inbox.Add("whatsapp", 2, null, "conversation", "boleh like postingan caleg?"u8));
        for (var crash = 1; crash <= InboxWorker.MaxAttempts; crash++)
        {
            Assert.Equal("poison", Encoding.UTF8.GetString(inbox.TryTake()!.Payload)); // the process dies holding it
            inbox = NewInbox();
            if (crash < InboxWorker.MaxAttempts)
            {
                inbox.ReleaseTakenAtStart(); // the last restart's release is the worker's own
            }
        }

        var handler = new RecordingHandler();
        var logger = new FakeLogger<InboxWorker>();
        using var worker = new InboxWorker(inbox, [handler], new InboxSignal(), TimeProvider.System, logger);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (handler.Handled.IsEmpty && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        Assert.Equal(["boleh like postingan caleg?"], handler.Handled);
        Assert.Equal(0, inbox.Count());
        var dropped = Assert.Single(logger.Collector.GetSnapshot(), r => r.Message.Contains("dropped", StringComparison.Ordinal));
        Assert.Contains($"{InboxWorker.MaxAttempts} times", dropped.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class RecordingHandler : IInboxHandler
    {
        public ConcurrentQueue<string> Handled { get; } = new();

        public string Channel => "whatsapp";

        public Task HandleAsync(byte[] payload, CancellationToken cancellationToken)
        {
            Handled.Enqueue(Encoding.UTF8.GetString(payload));
            return Task.CompletedTask;
        }
    }
}
