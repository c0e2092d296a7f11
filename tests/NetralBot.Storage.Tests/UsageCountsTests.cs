using System.Security.Cryptography;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Tips;
using NetralBot.Core.Understanding;

namespace NetralBot.Storage.Tests;

public class UsageCountsTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public void Read_CountsQuestionsPerLocalDay_RulesUnanswered_TipsSubscribersAndDelivery(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider); // 2026-11-25 01:00 UTC = 08:00 WIB
        var conversations = stores.Conversations;
        var state = ConversationState.New(Language.Indonesian);
        conversations.Save("a", state, [
            new LogQuestion("boleh like caleg?", Intent.Guidance, "like_post_candidate", 0.9),
            new LogQuestion("Apa itu X?", Intent.Unknown, null, 0),
            new LogQuestion("halo", Intent.Greeting, null, 1),
        ]);
        stores.Time.Advance(TimeSpan.FromDays(1));
        conversations.Save("b", state, [new LogQuestion("apa itu x? ", Intent.Clarify, "y", 0.3), new LogQuestion("boleh like caleg", Intent.Guidance, "like_post_candidate", 0.8)]);
        foreach (var regency in new[] { "Kota Bandung", "Kota Bandung", "Kota Bandung", "Kab. Garut" })
        {
            stores.Tips.Submit(TipDraft.Empty with { Category = TipCategory.SocialMedia, What = "isi", Regency = regency }, ReceiptCode.From(RandomNumberGenerator.GetBytes(10)));
        }
        stores.Subscribe("1");
        stores.Subscribe("2");
        stores.Subscriptions.Unsubscribe("telegram", "2");
        var (id, _) = stores.Broadcasts.Create("pesan", "admin");
        stores.Broadcasts.Record([new Broadcasts.Outcome(Assert.Single(stores.Broadcasts.ClaimNext(10)), Broadcasts.Result.Sent)]);
        Assert.Equal("done", stores.Broadcasts.GetProgress(id)!.State);

        var counts = new UsageCounts(stores.Database, stores.Cipher, stores.Log).Read(new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 27), TimeSpan.FromHours(7));

        Assert.Equal([(2, 1), (2, 1), (0, 0)], counts.Days.Select(d => (d.Questions, d.Unanswered)));
        Assert.Equal([new UsageCounts.Count("like_post_candidate", 2)], counts.Rules);
        Assert.Equal([new UsageCounts.Count("Apa itu X?", 2)], counts.Unanswered); // one question, case and spaces aside
        Assert.Equal([new UsageCounts.Count("SocialMedia", 4)], counts.TipCategories);
        Assert.Equal([new UsageCounts.Count("Baru", 4)], counts.TipStatuses);
        Assert.Equal([new UsageCounts.Count("Kota Bandung", 3)], counts.Regencies);
        Assert.Equal(1, counts.OtherRegencies); // a kabupaten/kota with fewer than 3 tips is never named
        Assert.Equal((1, 2, 1), (counts.ActiveSubscribers, counts.NewSubscribers, counts.Broadcasts));
        Assert.Equal([new UsageCounts.Count("sent", 1)], counts.Delivery);
    }
}
