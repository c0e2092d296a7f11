using System.Text;

namespace NetralBot.Storage.Tests;

/// <summary>
/// The inbox: what a webhook acknowledged is kept until answered, each conversation's messages are taken one at a
/// time and in order, different conversations in parallel, and a worker that stops in the middle leaves its message
/// for the next take (on PostgreSQL: another worker's, at once).
/// </summary>
public class InboxTests
{
    private static Inbox NewInbox(StoreFixture stores) => new(stores.Database, new SeenUpdates(stores.Database, stores.Time), stores.Cipher, stores.Time);

    private static void Add(Inbox inbox, long id, string conversation, string text) =>
        Assert.True(inbox.Add("telegram", id, null, conversation, Encoding.UTF8.GetBytes(text)));

    private static string Text(Inbox.Lease lease) => Encoding.UTF8.GetString(lease.Payload);

    [Theory, ClassData(typeof(BothProviders))]
    public void OneConversationInOrder_OthersInParallel_AndARepeatIsNotKeptTwice(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        var inbox = NewInbox(stores);
        Add(inbox, 1, "A", "a1");
        Add(inbox, 2, "A", "a2");
        Add(inbox, 3, "B", "b1");
        Assert.False(inbox.Add("telegram", 2, null, "A", "a2 again"u8));

        using var a1 = inbox.TryTake()!;
        using var b1 = inbox.TryTake()!;
        Assert.Equal(("a1", "b1"), (Text(a1), Text(b1)));
        Assert.Null(inbox.TryTake()); // a2 waits until a1 is answered
        a1.Complete();
        using var a2 = inbox.TryTake()!;
        Assert.Equal("a2", Text(a2));
        a2.Complete();
        b1.Complete();
        Assert.Null(inbox.TryTake());
        Assert.Equal(0, inbox.Count());
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void AMessageLeftUnanswered_IsTakenAgain_BeforeTheConversationsLaterOnes(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        var inbox = NewInbox(stores);
        Add(inbox, 1, "A", "first");
        Add(inbox, 2, "A", "second");
        using (var stopped = inbox.TryTake()!)
        {
            Assert.Equal("first", Text(stopped));
        } // disposed without Complete: a worker stopping in the middle
        using var again = inbox.TryTake()!;
        Assert.Equal("first", Text(again));
    }

    [Fact]
    public void Sqlite_ACrashLeavesATakenMark_ThatTheNextStartClears()
    {
        using var stores = new StoreFixture(StorageProvider.Sqlite);
        var inbox = NewInbox(stores);
        Add(inbox, 1, "A", "in hand at the crash");
        Assert.NotNull(inbox.TryTake()); // never completed nor disposed: the process died
        Assert.Null(inbox.TryTake());
        var restarted = NewInbox(stores);
        Assert.Equal(1, restarted.ReleaseTakenAtStart());
        Assert.Equal("in hand at the crash", Text(restarted.TryTake()!));
    }

    [Fact]
    public void Postgres_TwoWorkers_NeverTakeTheSameConversationAtOnce_AndADeadWorkersMessageIsTakenOverAtOnce()
    {
        using var stores = new StoreFixture(StorageProvider.Postgres);
        var first = NewInbox(stores);
        var second = NewInbox(stores);
        Add(first, 1, "A", "a1");
        Add(first, 2, "A", "a2");
        Add(second, 3, "B", "b1");

        var held = first.TryTake()!;
        using var other = second.TryTake()!;
        Assert.Equal(("a1", "b1"), (Text(held), Text(other))); // the second worker skips the locked a1, and a2 behind it
        Assert.Null(second.TryTake());

        held.Dispose(); // the first worker's connection is gone (kill -9 closes it the same way)
        using var takenOver = second.TryTake()!;
        Assert.Equal("a1", Text(takenOver));
        takenOver.Complete();
        using var next = first.TryTake()!;
        Assert.Equal("a2", Text(next));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void EveryTakeIsCounted_ThroughCrashes_AndAnAnsweredMessageLeavesNoCount(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        var inbox = NewInbox(stores);
        Add(inbox, 1, "A", "ends the process whenever it is handled");
        for (var crash = 1; crash <= 3; crash++)
        {
            var lease = inbox.TryTake()!;
            Assert.Equal(crash, lease.Attempts);
            if (provider == StorageProvider.Postgres)
            {
                lease.Dispose(); // the dead worker's connection closes: its transaction, and the lock, are gone
            }
            else
            {
                inbox = NewInbox(stores); // the process died holding it; the next start clears the mark
                Assert.Equal(1, inbox.ReleaseTakenAtStart());
            }
        }
        using (var fourth = inbox.TryTake()!)
        {
            Assert.Equal(4, fourth.Attempts);
            fourth.Complete();
        }
        Add(inbox, 2, "A", "the next one");
        using var next = inbox.TryTake()!;
        Assert.Equal(("the next one", 1), (Text(next), next.Attempts));
        next.Complete();
        using var connection = stores.Database.Open();
        Assert.Equal(0, Dapper.SqlMapper.ExecuteScalar<int>(connection, "SELECT COUNT(*) FROM inbox_attempts"));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void TheMessageIsEncryptedAtRest(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        var inbox = NewInbox(stores);
        Add(inbox, 1, "A", "chat 987654321 bilang: camat ikut kampanye");
        using var connection = stores.Database.Open();
        var stored = Dapper.SqlMapper.ExecuteScalar<byte[]>(connection, "SELECT payload FROM inbox");
        Assert.DoesNotContain("987654321", Encoding.UTF8.GetString(stored!), StringComparison.Ordinal);
    }
}
