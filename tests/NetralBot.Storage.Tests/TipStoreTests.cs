using System.Security.Cryptography;
using Dapper;
using NetralBot.Core.Tips;

namespace NetralBot.Storage.Tests;

public class TipStoreTests
{
    private static readonly TipDraft Draft = TipDraft.Empty with { Category = TipCategory.SocialMedia, What = "Kepala dinas membagikan poster calon", Regency = "Kota Bandung" };

    [Theory, ClassData(typeof(BothProviders))]
    public void Submit_ThenFindByCode_AddInformation_AndReviewersSeeItDecrypted_WithEveryActionAudited(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        var code = ReceiptCode.From(RandomNumberGenerator.GetBytes(10));
        var id = stores.Tips.Submit(Draft, code);
        var normalized = ReceiptCode.Normalize(code)!;
        using (var connection = stores.Database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            var work = new StoreTransaction(connection, transaction);
            Assert.Equal(TipStatus.Baru, stores.Tips.Find(work, normalized)!.Status);
            Assert.True(stores.Tips.AddInformation(work, normalized, "tambahan: terjadi di kantor"));
            Assert.False(stores.Tips.AddInformation(work, ReceiptCode.Normalize(ReceiptCode.From(new byte[10]))!, "salah kode"));
            transaction.Commit();
        }
        var review = stores.Review;
        Assert.Equal([id], review.List("admin", TipStatus.Baru, TipCategory.SocialMedia, 10).Select(s => s.Id));
        Assert.Empty(review.List("admin", TipStatus.Selesai, null, 10));
        Assert.True(review.SetStatus("admin", id, TipStatus.Diverifikasi, "sedang diperiksa"));
        Assert.True(review.Message("admin", id, "mohon kirim foto"));
        Assert.False(review.Message("admin", id + 100, "tidak ada"));

        var opened = review.Open("admin", id)!;
        Assert.Equal(("Kepala dinas membagikan poster calon", TipStatus.Diverifikasi, "sedang diperiksa"), (opened.Content.What, opened.Status, opened.StatusReason));
        Assert.Equal([(false, "tambahan: terjadi di kantor"), (true, "mohon kirim foto")], opened.Messages.Select(m => (m.FromReviewer, m.Text)));
        Assert.Equal(Draft.What, Assert.Single(review.Export("admin")).Content.What);
        Assert.Empty(review.Files("admin", id)!);
        Assert.Null(review.Files("admin", id + 100));
        Assert.Equal([new TipReview.Arrival(id, TipCategory.SocialMedia, "Kota Bandung")], review.ArrivedAfter(0));
        Assert.Equal(id, review.LastId());

        using var check = stores.Database.Open();
        Assert.Equal(["list", "list", "status", "message", "open", "export", "files"], check.Query<string>("SELECT action FROM admin_audit ORDER BY id"));
        Assert.Equal(0, check.ExecuteScalar<long>("SELECT created_at FROM tips") % 3_600_000); // to the hour
    }
}
