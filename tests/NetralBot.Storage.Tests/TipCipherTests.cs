using System.Security.Cryptography;
using System.Text;
using NetralBot.Core.Tips;

namespace NetralBot.Storage.Tests;

/// <summary>
/// What keeps tips unreadable without the key: fresh nonces, purposes bound to columns, the key checked at every
/// start; and the tipster's side of a tip (reason, both sides' messages, no category, a wrong code).
/// </summary>
public class TipCipherTests
{
    private static T InTransaction<T>(Database database, Func<StoreTransaction, T> work)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var result = work(new StoreTransaction(connection, transaction));
        transaction.Commit();
        return result;
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void Find_ShowsTheTipsterTheReasonAndTheReviewersMessage_ByTheCodeTypedInLowerCase(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        var code = ReceiptCode.From(RandomNumberGenerator.GetBytes(10));
        var id = stores.Tips.Submit(TipDraft.Empty with { What = "memasang baliho calon di kantor" }, code);
        Assert.True(stores.Review.SetStatus("admin", id, TipStatus.Ditolak, "bukti tidak cukup"));
        Assert.True(stores.Review.Message("admin", id, "Mohon kirim foto tambahan."));

        var view = InTransaction(stores.Database, work => stores.Tips.Find(work, ReceiptCode.Normalize(code.ToLowerInvariant())!))!;
        Assert.Equal(TipStatus.Ditolak, view.Status);
        Assert.Equal("bukti tidak cukup", view.StatusReason);
        Assert.Equal((true, "Mohon kirim foto tambahan."), (Assert.Single(view.Messages).FromReviewer, view.Messages[0].Text));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void Find_WithoutAReason_HasNone_AndATipWithoutACategoryIsFiledAsOther(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        var code = ReceiptCode.Normalize(ReceiptCode.From(RandomNumberGenerator.GetBytes(10)))!;
        var id = stores.Tips.Submit(TipDraft.Empty with { What = "ajakan memilih di apel pagi" }, code);

        var view = InTransaction(stores.Database, work => stores.Tips.Find(work, code))!;
        Assert.Null(view.StatusReason);
        Assert.Empty(view.Messages);
        Assert.Equal(TipCategory.Other, stores.Review.Open("admin", id)!.Category);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void Submit_WithSomethingThatIsNoReceiptCode_IsRefused_AndStoresNothing(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        Assert.Throws<ArgumentException>(() => stores.Tips.Submit(TipDraft.Empty with { What = "x" }, "bukan kode"));
        Assert.Equal(0, stores.Review.LastId());
    }

    [Fact]
    public void EncryptsTheSameTextDifferentlyEachTime_AndBindsItsPurpose()
    {
        var cipher = new TipCipher(RandomNumberGenerator.GetBytes(32));
        var first = cipher.EncryptText("rahasia", "tips.content");
        var second = cipher.EncryptText("rahasia", "tips.content");
        Assert.NotEqual(first, second);
        Assert.DoesNotContain("rahasia", Encoding.UTF8.GetString(first), StringComparison.Ordinal);
        Assert.Equal("rahasia", cipher.DecryptText(second, "tips.content"));
        Assert.ThrowsAny<CryptographicException>(() => cipher.DecryptText(first, "tip_messages.content"));
        Assert.ThrowsAny<CryptographicException>(() => new TipCipher(RandomNumberGenerator.GetBytes(32)).DecryptText(first, "tips.content"));
    }

    [Fact]
    public void EmptyTextRoundTrips_AndAValueShorterThanNonceAndTagIsRefused()
    {
        var cipher = new TipCipher(RandomNumberGenerator.GetBytes(32));
        var empty = cipher.EncryptText("", "tips.content");
        Assert.Equal(28, empty.Length); // nonce 12 + tag 16, no ciphertext
        Assert.Equal("", cipher.DecryptText(empty, "tips.content"));
        Assert.ThrowsAny<CryptographicException>(() => cipher.DecryptText(empty[..27], "tips.content"));
        Assert.ThrowsAny<CryptographicException>(() => cipher.DecryptText([], "tips.content"));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void VerifyKey_TheSameKeyPassesEveryStart_AnotherKeyIsRefused(StorageProvider provider)
    {
        using var stores = new StoreFixture(provider);
        var key = RandomNumberGenerator.GetBytes(32);
        new TipCipher(key).VerifyKey(stores.Database);
        new TipCipher(key).VerifyKey(stores.Database);
        new TipCipher((byte[])key.Clone()).VerifyKey(stores.Database);
        Assert.Throws<WrongKeyException>(() => new TipCipher(RandomNumberGenerator.GetBytes(32)).VerifyKey(stores.Database));
    }

    [Fact]
    public void WasUsedWithAKey_OnlyOnceTheKeyWasChecked_AndAFileThatIsNoDatabaseCountsAsUsed()
    {
        using var stores = new StoreFixture(StorageProvider.Sqlite);
        Assert.False(TipCipher.WasUsedWithAKey(stores.Temp.FilePath));
        new TipCipher(RandomNumberGenerator.GetBytes(32)).VerifyKey(stores.Database);
        Assert.True(TipCipher.WasUsedWithAKey(stores.Temp.FilePath));

        using var garbage = new TempDatabase(StorageProvider.Sqlite);
        Directory.CreateDirectory(Path.GetDirectoryName(garbage.FilePath)!);
        File.WriteAllBytes(garbage.FilePath, RandomNumberGenerator.GetBytes(4096));
        Assert.True(TipCipher.WasUsedWithAKey(garbage.FilePath));
    }
}
