namespace NetralBot.Storage.Tests;

/// <summary>The one-table stores: channel offsets, seen webhook updates, admin preferences.</summary>
public class SmallStoresTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public void ChannelOffsets_SaveOverwrites_AndSurvivesARestart(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        var offsets = new ChannelOffsets(stores.Database, stores.Time);
        Assert.Null(offsets.Load("telegram"));
        offsets.Save("telegram", 41);
        offsets.Save("telegram", 5_000_000_000); // beyond 32 bits
        stores.Temp.ClearPools();
        Assert.Equal(5_000_000_000, new ChannelOffsets(stores.Temp.Unmigrated(), stores.Time).Load("telegram"));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void SeenUpdates_ARepeatWithinTwoDaysIsRefused_AndForgottenAfter(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        var seen = new SeenUpdates(stores.Database, stores.Time);
        Assert.True(seen.TryAdd("telegram", 7));
        Assert.False(seen.TryAdd("telegram", 7));
        Assert.True(seen.TryAdd("whatsapp", 7));
        stores.Time.Advance(SeenUpdates.Window + TimeSpan.FromMinutes(1));
        Assert.True(seen.TryAdd("telegram", 8)); // removes the old ones on the way
        Assert.True(seen.TryAdd("telegram", 7));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void AdminPreferences_OffAndOnAgain(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        var preferences = new AdminPreferences(stores.Database, stores.Time);
        Assert.Empty(preferences.TipNotificationsOff());
        preferences.SetTipNotifications("telegram:9", on: false);
        preferences.SetTipNotifications("telegram:8", on: false);
        preferences.SetTipNotifications("telegram:8", on: true);
        Assert.Equal(["telegram:9"], preferences.TipNotificationsOff());
    }
}
