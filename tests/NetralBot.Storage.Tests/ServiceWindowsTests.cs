using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace NetralBot.Storage.Tests;

/// <summary>WhatsApp's 24-hour window as the store keeps it: to the day, never longer than the real window.</summary>
public class ServiceWindowsTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public void TheWindow_IsOpenUntil24HoursAfterTheStartOfTheDayThePersonWrote_AndOnlyForSubscribers(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var wrote = new DateTimeOffset(2026, 11, 28, 15, 42, 7, TimeSpan.Zero);
        var time = new FakeTimeProvider(wrote);
        var database = temp.Migrated(time);
        var windows = new ServiceWindows(database, time);
        using (var connection = database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            new Subscriptions(database, time).Subscribe(new StoreTransaction(connection, transaction), "whatsapp", "6281700000001", "id");
            transaction.Commit();
        }

        windows.RecordInbound("whatsapp", "6281700000001");
        windows.RecordInbound("whatsapp", "6281700000002"); // not a subscriber: nothing is written
        using (var connection = database.Open())
        {
            Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
                connection.ExecuteScalar<long>("SELECT last_inbound_at FROM subscribers"));
            Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM subscribers"));
        }
        Assert.True(windows.IsOpen("whatsapp", "6281700000001"));
        Assert.False(windows.IsOpen("whatsapp", "6281700000002"));

        time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 23, 59, 0, TimeSpan.Zero));
        Assert.True(windows.IsOpen("whatsapp", "6281700000001"));
        time.SetUtcNow(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero)); // 8 h 18 min before the real window closes
        Assert.False(windows.IsOpen("whatsapp", "6281700000001"));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void SeenUpdates_ForgetAChannelsIdsAfterItsOwnWindow_NotAnotherChannels(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var seen = new SeenUpdates(temp.Migrated(time), time);
        Assert.True(seen.TryAdd("whatsapp", 42, TimeSpan.FromDays(7)));
        Assert.True(seen.TryAdd("telegram", 42));
        time.Advance(TimeSpan.FromDays(3));
        Assert.True(seen.TryAdd("telegram", 43)); // clears Telegram's old ids only
        Assert.False(seen.TryAdd("whatsapp", 42, TimeSpan.FromDays(7)));
        Assert.True(seen.TryAdd("telegram", 42));
        time.Advance(TimeSpan.FromDays(5));
        Assert.True(seen.TryAdd("whatsapp", 42, TimeSpan.FromDays(7)));
    }
}
