namespace NetralBot.Storage.Tests;

/// <summary>PostgreSQL advisory locks for several workers: one runs a job, each is counted while present.</summary>
public class WorkerLocksTests
{
    [Fact]
    public void AJobHasOneHolder_UntilItsConnectionCloses()
    {
        using var stores = new StoreFixture(StorageProvider.Postgres);
        var locks = new WorkerLocks(stores.Database);
        var held = locks.TryHoldJob("reminders");
        Assert.NotNull(held);
        Assert.Null(locks.TryHoldJob("reminders"));
        using (var other = locks.TryHoldJob("retention"))
        {
            Assert.NotNull(other); // another job, another lock
        }
        WorkerLocks.Release(held!);
        var next = locks.TryHoldJob("reminders");
        Assert.NotNull(next);
        WorkerLocks.Release(next!);
    }

    [Fact]
    public void WorkersAreCountedWhilePresent_AndTheirBroadcastClaimsGoBackWhenTheyAreGone()
    {
        using var stores = new StoreFixture(StorageProvider.Postgres);
        var locks = new WorkerLocks(stores.Database);
        var (one, oneNumber) = locks.HoldPresence();
        var (two, twoNumber) = locks.HoldPresence();
        Assert.Equal(2, locks.CountWorkers());
        Assert.NotEqual(oneNumber, twoNumber);

        var broadcasts = stores.Broadcasts;
        for (var i = 0; i < 6; i++)
        {
            stores.Subscribe($"chat{i}");
        }
        broadcasts.Create("Ingat netralitas", "test");
        var claimedByOne = broadcasts.ClaimNext(3, oneNumber);
        var claimedByTwo = broadcasts.ClaimNext(3, twoNumber);
        Assert.Empty(claimedByOne.Select(d => d.ChatId).Intersect(claimedByTwo.Select(d => d.ChatId)));
        Assert.Equal(0, broadcasts.RecoverInFlight()); // both workers are alive: nothing is taken from them

        WorkerLocks.Release(two); // the second worker died
        Assert.Equal(1, locks.CountWorkers());
        Assert.Equal(3, broadcasts.RecoverInFlight());
        Assert.Equal(claimedByTwo.Select(d => d.ChatId).Order(), broadcasts.ClaimNext(10, oneNumber).Select(d => d.ChatId).Order());
        WorkerLocks.Release(one);
    }
}
