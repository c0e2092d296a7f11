using Microsoft.Extensions.Time.Testing;
using NetralBot.Storage;

namespace NetralBot.Tests.Hostile;

/// <summary>
/// With the right secret, update_id 2147483647 became a high-water mark that silenced every later update, also after
/// a restart (issue 10). A webhook's inbox deduplicates by the ids it has actually seen.
/// </summary>
public class WebhookUpdateIdTests
{
    [Fact]
    public void Issue10_WebhookAfterTheHighestPossibleId_StillTakesLowerNewIds_AndDropsRepeats_AcrossRestarts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "netralbot-webhook-ids", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var database = Database.Create(StorageProvider.Sqlite, $"Data Source={Path.Combine(folder, "d.db")}");
        database.Initialize(time);
        var cipher = new TipCipher(new byte[32]);
        Inbox NewInbox() => new(database, new SeenUpdates(database, time), cipher, time);
        bool Add(Inbox inbox, int id, string chat) => inbox.Add("telegram", id, null, chat, "{}"u8);

        var first = NewInbox();
        Assert.True(Add(first, int.MaxValue, "a"));
        Assert.True(Add(first, 500, "b")); // a new chat with a lower id
        Assert.False(Add(first, 500, "b")); // a repeat

        var afterRestart = NewInbox();
        Assert.False(Add(afterRestart, 500, "b"));
        Assert.True(Add(afterRestart, 501, "c"));
        time.Advance(TimeSpan.FromDays(8)); // a week without updates: Telegram may start the ids again
        Assert.True(Add(afterRestart, 1, "d"));
        Assert.Equal(4, afterRestart.Count()); // each kept once, until answered
    }
}
