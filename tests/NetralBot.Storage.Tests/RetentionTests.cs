using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Tips;

namespace NetralBot.Storage.Tests;

public class RetentionTests
{
    [Fact]
    public void Run_DeletesClosedTipsAfterRetention_AndStaleDrafts_KeepsTheRest()
    {
        using var temp = new TempDatabase();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var database = new SqliteDatabase(temp.ConnectionString);
        database.Initialize(time);
        var cipher = new TipCipher(RandomNumberGenerator.GetBytes(32));
        var tips = new TipStore(database, cipher, new ReceiptHashes(RandomNumberGenerator.GetBytes(32)), time);
        var review = new TipReview(database, cipher, time);
        var conversations = new ConversationStore(database, cipher, time);
        var draft = TipDraft.Empty with { What = "isi laporan yang cukup panjang untuk disimpan sebagai draf" };

        var closed = tips.Submit(draft, ReceiptCode.From(RandomNumberGenerator.GetBytes(10)));
        var open = tips.Submit(draft, ReceiptCode.From(RandomNumberGenerator.GetBytes(10)));
        review.SetStatus("test", closed, TipStatus.Selesai, "ditindaklanjuti");
        conversations.Save("old-draft", ConversationState.New(Language.Indonesian) with { State = "ReportWhat", Private = new PrivateState(draft, null) }, []);
        time.Advance(TimeSpan.FromHours(25));
        conversations.Save("fresh-draft", ConversationState.New(Language.Indonesian) with { State = "ReportWhat", Private = new PrivateState(draft, null) }, []);

        var retention = new Retention(database, time);
        Assert.Equal((0, 1), retention.Run(TimeSpan.FromDays(180), TimeSpan.FromHours(24)));
        Assert.Null(conversations.Load("old-draft")!.Private);
        Assert.NotNull(conversations.Load("fresh-draft")!.Private);

        time.Advance(TimeSpan.FromDays(180));
        Assert.Equal((1, 1), retention.Run(TimeSpan.FromDays(180), TimeSpan.FromHours(24)));
        using var connection = database.Open();
        Assert.Equal([open], connection.Query<long>("SELECT id FROM tips"));
    }

    [Fact]
    public void TipCipher_WrongKey_FailsClearly_AndNeverReturnsGarbage()
    {
        using var temp = new TempDatabase();
        var database = new SqliteDatabase(temp.ConnectionString);
        database.Initialize(new FakeTimeProvider());
        new TipCipher(RandomNumberGenerator.GetBytes(32)).VerifyKey(database);
        Assert.Throws<WrongKeyException>(() => new TipCipher(RandomNumberGenerator.GetBytes(32)).VerifyKey(database));

        var cipher = new TipCipher(RandomNumberGenerator.GetBytes(32));
        var sealedText = cipher.EncryptText("rahasia", "tips.content");
        Assert.Equal("rahasia", cipher.DecryptText(sealedText, "tips.content"));
        Assert.ThrowsAny<CryptographicException>(() => cipher.DecryptText(sealedText, "tip_messages.content")); // bound to its column
        sealedText[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => cipher.DecryptText(sealedText, "tips.content")); // tampering is detected
    }
}
