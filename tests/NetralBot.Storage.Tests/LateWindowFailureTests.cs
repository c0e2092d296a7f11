using Dapper;

namespace NetralBot.Storage.Tests;

/// <summary>
/// A message refused late because the person's 24-hour window was closed (WhatsApp's 131047 as a status): sent again
/// only when the bot took the window as open, once, and never to someone whose message was delivered.
/// </summary>
public class LateWindowFailureTests
{
    private const string Reason = "not sent: outside 24-hour window (WhatsApp error 131047)";

    [Theory, ClassData(typeof(BothProviders))]
    public void RequeueWindowClosed_ClosesTheWindow_AndSendsAgainOnce_OnlyWhatWentAsTextInsideTheWindow(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        stores.Subscribe("open");
        stores.Subscribe("closed");
        stores.Subscribe("delivered");
        var today = stores.Time.GetUtcNow().ToUnixTimeMilliseconds() / 86_400_000 * 86_400_000;
        using (var connection = stores.Database.Open())
        {
            connection.Execute("UPDATE subscribers SET last_inbound_at = @Day WHERE chat_id IN ('open', 'delivered')", new { Day = today });
            connection.Execute("UPDATE subscribers SET last_inbound_at = @Day WHERE chat_id = 'closed'", new { Day = today - 3 * 86_400_000L });
        }
        var broadcasts = stores.Broadcasts;
        var (id, _) = broadcasts.Create("Ingat netralitas ASN", "admin");
        var claimed = broadcasts.ClaimNext(10);
        broadcasts.Record([.. claimed.Select(d => new Broadcasts.Outcome(d, Broadcasts.Result.Sent))]);
        broadcasts.RecordStatusKeys([.. claimed.Select(d => (d.BroadcastId, d.SubscriberId, "key-" + d.ChatId))]);
        broadcasts.RecordReceipt("key-delivered", "delivered");
        Assert.Equal("done", broadcasts.GetProgress(id)!.State);

        Assert.False(broadcasts.RequeueWindowClosed("key-closed", Reason)); // went as the template: nothing to fall back to
        Assert.False(broadcasts.RequeueWindowClosed("key-delivered", Reason)); // reached the phone: never twice
        Assert.False(broadcasts.RequeueWindowClosed("key-unknown", Reason));
        Assert.Equal("done", broadcasts.GetProgress(id)!.State);

        stores.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(broadcasts.RequeueWindowClosed("key-open", Reason));
        Assert.False(broadcasts.RequeueWindowClosed("key-open", Reason)); // Meta repeating the status changes nothing
        using (var connection = stores.Database.Open())
        {
            var windows = connection.Query<(string ChatId, long? Day)>("SELECT chat_id, last_inbound_at FROM subscribers ORDER BY chat_id").ToList();
            Assert.Equal([("closed", today - 3 * 86_400_000L), ("delivered", today), ("open", (long?)null)], windows);
            var row = connection.QuerySingle<(string State, string? Error, string? Key)>(
                "SELECT o.state, o.error, o.status_key FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id WHERE s.chat_id = 'open'");
            Assert.Equal(("pending", Reason, (string?)null), row);
        }
        Assert.False(new ServiceWindows(stores.Database, stores.Time).IsOpen("telegram", "open"));
        var progress = broadcasts.GetProgress(id)!;
        Assert.Equal(("sending", 2L, 1L), (progress.State, progress.Sent, progress.Pending));

        var again = Assert.Single(broadcasts.ClaimNext(10)); // only the one refused
        Assert.Equal(("open", 2), (again.ChatId, again.Attempts));
        broadcasts.Record([new Broadcasts.Outcome(again, Broadcasts.Result.Sent)]);
        broadcasts.RecordStatusKeys([(again.BroadcastId, again.SubscriberId, "key-open-template")]);
        Assert.Equal(("done", 3L, 0L), (broadcasts.GetProgress(id)!.State, broadcasts.GetProgress(id)!.Sent, broadcasts.GetProgress(id)!.Failed));

        // The template refused with 131047 too: the window was already taken as closed, so no third send.
        Assert.False(broadcasts.RequeueWindowClosed("key-open-template", Reason));
        Assert.True(broadcasts.RecordLateFailure("key-open-template", Reason, unsubscribe: false));
        Assert.Empty(broadcasts.ClaimNext(10));
        Assert.Equal([(Reason, 1L)], broadcasts.FailureReasons(id));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void AMessagePutBack_StillGoesOut_WhenAnotherWorkerMarkedItsBroadcastDoneMeanwhile(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        stores.Subscribe("open");
        using (var connection = stores.Database.Open())
        {
            connection.Execute("UPDATE subscribers SET last_inbound_at = @Day", new { Day = stores.Time.GetUtcNow().ToUnixTimeMilliseconds() / 86_400_000 * 86_400_000 });
        }
        var broadcasts = stores.Broadcasts;
        var (id, _) = broadcasts.Create("Ingat netralitas ASN", "admin");
        var first = broadcasts.ClaimNext(1);
        broadcasts.Record([new Broadcasts.Outcome(first[0], Broadcasts.Result.Sent)]);
        broadcasts.RecordStatusKeys([(first[0].BroadcastId, first[0].SubscriberId, "key-open")]);
        Assert.True(broadcasts.RequeueWindowClosed("key-open", Reason));
        using (var connection = stores.Database.Open())
        {
            // What a PostgreSQL worker recording the broadcast's last other result at the same moment can leave.
            connection.Execute("UPDATE broadcasts SET state = 'done' WHERE id = @Id", new { Id = id });
        }

        var again = Assert.Single(broadcasts.ClaimNext(10));
        broadcasts.Record([new Broadcasts.Outcome(again, Broadcasts.Result.Sent)]);
        Assert.Equal(("done", 1L, 0L), (broadcasts.GetProgress(id)!.State, broadcasts.GetProgress(id)!.Sent, broadcasts.GetProgress(id)!.Pending));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void RequeueWindowClosed_LeavesACancelledBroadcastAlone(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        stores.Subscribe("open");
        using (var connection = stores.Database.Open())
        {
            connection.Execute("UPDATE subscribers SET last_inbound_at = @Day", new { Day = stores.Time.GetUtcNow().ToUnixTimeMilliseconds() / 86_400_000 * 86_400_000 });
        }
        var broadcasts = stores.Broadcasts;
        stores.Subscribe("later"); // keeps the broadcast running after the first message
        var (id, _) = broadcasts.Create("Ingat netralitas ASN", "admin");
        var first = broadcasts.ClaimNext(1);
        broadcasts.Record([new Broadcasts.Outcome(first[0], Broadcasts.Result.Sent)]);
        broadcasts.RecordStatusKeys([(first[0].BroadcastId, first[0].SubscriberId, "key-open")]);
        Assert.True(broadcasts.CancelBroadcast(id));

        Assert.False(broadcasts.RequeueWindowClosed("key-open", Reason));
        Assert.Equal("cancelled", broadcasts.GetProgress(id)!.State);
        Assert.True(new ServiceWindows(stores.Database, stores.Time).IsOpen("telegram", "open"));
    }
}
