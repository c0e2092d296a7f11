namespace NetralBot.Storage.Tests;

public class AdminRemindersTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public void Draft_SaveListAndDelete_KeepsTheRowForTheAudit(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        var reminders = new AdminReminders(stores.Database, stores.Time);
        var draft = reminders.AddDraft("0 7 * * 1", "Asia/Jakarta", "Senin: jaga netralitas", "telegram:9");
        Assert.Empty(reminders.ListActive());
        Assert.False(reminders.Get(draft)!.Active);
        Assert.Null(reminders.Get(draft)!.SavedAt);

        Assert.True(reminders.Save(draft, "telegram:9"));
        Assert.False(reminders.Save(draft, "telegram:9")); // saved once
        var saved = Assert.Single(reminders.ListActive());
        Assert.Equal(("admin:" + draft, true, stores.Time.GetUtcNow()), (saved.RunId, saved.Active, saved.SavedAt));
        Assert.Equal("Senin: jaga netralitas", saved.ToReminder().Text);

        Assert.True(reminders.Delete(draft, "telegram:9"));
        Assert.False(reminders.Delete(draft, "telegram:9"));
        Assert.Empty(reminders.ListActive());
        Assert.False(reminders.Get(draft)!.Active);
        Assert.True(reminders.Discard(reminders.AddDraft("0 7 * * 2", "Asia/Makassar", "batal", "telegram:9")));
    }
}
