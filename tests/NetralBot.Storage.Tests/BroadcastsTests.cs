namespace NetralBot.Storage.Tests;

public class BroadcastsTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public void Create_ClaimAndRecord_SendsEachSubscriberOnce_UnsubscribesWhoBlocked_AndFinishes(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        stores.Subscribe("1");
        stores.Subscribe("2", language: "en");
        stores.Subscribe("3");
        var broadcasts = stores.Broadcasts;
        var (id, recipients) = broadcasts.Create("Ingat netralitas ASN", "admin", textEn: "Stay neutral");
        Assert.Equal(3, recipients);
        Assert.Equal(3, broadcasts.Waiting());

        var claimed = broadcasts.ClaimNext(10);
        Assert.Equal(["1", "2", "3"], claimed.Select(d => d.ChatId));
        Assert.Equal("Stay neutral", claimed.Single(d => d.ChatId == "2").Text);
        Assert.All(claimed, d => Assert.False(d.HasImage));
        Assert.Empty(broadcasts.ClaimNext(10)); // claimed rows are not handed out twice

        broadcasts.Record([
            new Broadcasts.Outcome(claimed[0], Broadcasts.Result.Sent),
            new Broadcasts.Outcome(claimed[1], Broadcasts.Result.Blocked),
            new Broadcasts.Outcome(claimed[2], Broadcasts.Result.RetryLater, "429"),
        ]);
        Assert.Equal(2, stores.Subscriptions.ActiveCount());
        var progress = broadcasts.GetProgress(id)!;
        Assert.Equal(("sending", 3L, 1L, 1L, 1L), (progress.State, progress.Total, progress.Sent, progress.Failed, progress.Pending));

        var again = Assert.Single(broadcasts.ClaimNext(10));
        Assert.Equal(("3", 2), (again.ChatId, again.Attempts));
        broadcasts.Record([new Broadcasts.Outcome(again, Broadcasts.Result.Sent)]);
        Assert.Equal("done", broadcasts.GetProgress(id)!.State);
        Assert.Equal([("blocked by the user", 1L)], broadcasts.FailureReasons(id));
        Assert.Equal([id], broadcasts.Recent(5).Select(p => p.Id));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void RecoverInFlight_PutsClaimedRowsBack_AndAnUnsubscribedRecipientIsSkipped(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        stores.Subscribe("1");
        stores.Subscribe("2");
        var broadcasts = stores.Broadcasts;
        broadcasts.Create("pesan", "admin");
        Assert.Equal(2, broadcasts.ClaimNext(10).Count);
        stores.Time.Advance(Broadcasts.ClaimLease + TimeSpan.FromSeconds(1));
        Assert.Equal(2, broadcasts.RecoverInFlight());
        stores.Subscriptions.Unsubscribe("telegram", "2");

        var claimed = Assert.Single(broadcasts.ClaimNext(10));
        Assert.Equal("1", claimed.ChatId);
        Assert.Equal(1, broadcasts.Recent(1)[0].Failed); // skipped: unsubscribed meanwhile
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void Draft_WithImageAndSegment_ConfirmsToTheSegment_AndReportsUntilMarked(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        stores.Subscribe("1", regency: "Kota Bandung");
        stores.Subscribe("2", regency: "Kab. Garut");
        var broadcasts = stores.Broadcasts;
        var draft = broadcasts.CreateDraft("dengan gambar", [0xFF, 0xD8, 0xFF], "telegram:9", "telegram", "9");
        Assert.True(broadcasts.GetDraft(draft)!.HasImage);
        Assert.True(broadcasts.SetSegment(draft, "Kota Bandung", null));
        Assert.Equal(1, stores.Subscriptions.ActiveCount("Kota Bandung"));

        Assert.Equal(1, broadcasts.Confirm(draft));
        Assert.Null(broadcasts.Confirm(draft)); // no longer a draft
        Assert.Null(broadcasts.GetDraft(draft));
        Assert.Equal([0xFF, 0xD8, 0xFF], broadcasts.Image(draft));
        var delivery = Assert.Single(broadcasts.ClaimNext(10));
        Assert.True(delivery.HasImage);

        var report = Assert.Single(broadcasts.ReportsDue());
        Assert.Equal(("telegram", "9", null), (report.Channel, report.ChatId, report.MessageId));
        broadcasts.SetReportMessage(draft, "77");
        Assert.Equal("77", broadcasts.ReportsDue()[0].MessageId);
        broadcasts.MarkReported(draft);
        Assert.Empty(broadcasts.ReportsDue());
        Assert.True(broadcasts.Discard(broadcasts.CreateDraft("batal", null, "telegram:9", "telegram", "9")));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void StartScheduled_StartsWhatIsDueWithinGrace_MissesWhatIsLate_AndCancelStopsOne(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        stores.Subscribe("1");
        var broadcasts = stores.Broadcasts;
        var now = stores.Time.GetUtcNow();
        var (soon, _) = broadcasts.Create("sebentar lagi", "admin", sendAt: now.AddMinutes(10), sendZone: "Asia/Jakarta");
        var (late, _) = broadcasts.Create("terlambat", "admin", sendAt: now.AddMinutes(1));
        var (cancelled, _) = broadcasts.Create("dibatalkan", "admin", sendAt: now.AddMinutes(10));
        Assert.True(broadcasts.CancelBroadcast(cancelled));
        Assert.Empty(broadcasts.StartScheduled(TimeSpan.FromMinutes(5)));

        stores.Time.Advance(TimeSpan.FromMinutes(11));
        var done = broadcasts.StartScheduled(TimeSpan.FromMinutes(5));
        Assert.Equal([(late, false), (soon, true)], done);
        Assert.Equal(("sending", 1L, "Asia/Jakarta"), (broadcasts.GetProgress(soon)!.State, broadcasts.GetProgress(soon)!.Pending, broadcasts.GetProgress(soon)!.SendZone));
        Assert.Equal("missed", broadcasts.GetProgress(late)!.State);
        Assert.Equal("cancelled", broadcasts.GetProgress(cancelled)!.State);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void ReminderRuns_SendOnce_CreatesOneBroadcastPerOccurrence(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        stores.Subscribe("1");
        var runs = new ReminderRuns(stores.Database, stores.Broadcasts);
        var due = stores.Time.GetUtcNow();
        Assert.True(runs.SendOnce("weekly", due, "pengingat", null));
        Assert.False(runs.SendOnce("weekly", due, "pengingat", null));
        Assert.True(runs.SendOnce("weekly", due.AddDays(7), "pengingat", null));
        Assert.Equal(2, stores.Broadcasts.Recent(10).Count);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void RecoverInFlight_AtAWorkersStart_LeavesAnotherLiveWorkersFreshClaims_OnPostgres(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        stores.Subscribe("1");
        stores.Subscribe("2");
        stores.Subscribe("3");
        var broadcasts = stores.Broadcasts;
        broadcasts.Create("pesan", "admin");
        Assert.Equal(2, broadcasts.ClaimNext(2).Count); // the first worker is sending these
        stores.Time.Advance(TimeSpan.FromMinutes(1));

        var second = new Broadcasts(stores.Database, stores.Time); // a second worker starts
        if (provider == StorageProvider.Postgres)
        {
            Assert.Equal(0, second.RecoverInFlight());
            Assert.Equal(["3"], second.ClaimNext(10).Select(d => d.ChatId)); // nothing of the first worker's batch twice
            stores.Time.Advance(Broadcasts.ClaimLease);
            Assert.Equal(3, second.RecoverInFlight()); // claims past their lease: their worker died
        }
        else
        {
            Assert.Equal(2, second.RecoverInFlight()); // one process per SQLite file: what is "sending" at start is from a crash
        }
    }
}
