using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Tips;

namespace NetralBot.Storage.Tests;

public class RetentionTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public void Run_DeletesClosedTipsAfterRetention_AndStaleDrafts_KeepsTheRest(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var database = temp.Migrated(time);
        var cipher = new TipCipher(RandomNumberGenerator.GetBytes(32));
        var receipts = new ReceiptHashes(RandomNumberGenerator.GetBytes(32));
        var files = new EvidenceFiles(database, Path.Combine(temp.Folder, "evidence"), cipher, receipts, time);
        var tips = new TipStore(database, cipher, receipts, files, time);
        var review = new TipReview(database, cipher, files, time);
        using var log = new QuestionLog(database);
        var conversations = new ConversationStore(database, cipher, log, time);
        var draft = TipDraft.Empty with { What = "isi laporan yang cukup panjang untuk disimpan sebagai draf" };
        const string tipFile = "0123456789abcdef0123456789abcdef", draftFile = "fedcba9876543210fedcba9876543210";
        using (var setup = database.Open())
        using (var transaction = setup.BeginTransaction())
        {
            files.Store(new StoreTransaction(setup, transaction), tipFile, [1, 2, 3], null);
            files.Store(new StoreTransaction(setup, transaction), draftFile, [4, 5, 6], null);
            transaction.Commit();
        }
        var withFile = draft with { Evidence = [new Evidence(null, tipFile, "foto-1", "image/png", 3)] };

        var closed = tips.Submit(withFile, ReceiptCode.From(RandomNumberGenerator.GetBytes(10)));
        var open = tips.Submit(draft, ReceiptCode.From(RandomNumberGenerator.GetBytes(10)));
        review.SetStatus("test", closed, TipStatus.Selesai, "ditindaklanjuti");
        conversations.Save("old-draft", ConversationState.New(Language.Indonesian) with { State = "ReportWhat", Private = new PrivateState(draft, null) }, []);
        time.Advance(TimeSpan.FromHours(25));
        conversations.Save("fresh-draft", ConversationState.New(Language.Indonesian) with { State = "ReportWhat", Private = new PrivateState(draft, null) }, []);

        var retention = new Retention(database, files, time);
        Assert.Equal((0, 1), retention.Run(TimeSpan.FromDays(180), TimeSpan.FromHours(24)));
        Assert.Null(conversations.Load("old-draft")!.Private);
        Assert.NotNull(conversations.Load("fresh-draft")!.Private);
        Assert.False(files.Exists(draftFile)); // a draft's file outlives no draft
        Assert.Equal([1, 2, 3], files.Read(tipFile)); // a sent tip's file stays with its tip

        time.Advance(TimeSpan.FromDays(180));
        Assert.Equal((1, 1), retention.Run(TimeSpan.FromDays(180), TimeSpan.FromHours(24)));
        Assert.False(files.Exists(tipFile));
        using var connection = database.Open();
        Assert.Equal([open], connection.Query<long>("SELECT id FROM tips"));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void Run_DeletesAdminDraftsNeverSentOrSaved_AfterADay_KeepsSentScheduledAndSaved(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var database = temp.Migrated(time);
        var broadcasts = new Broadcasts(database, time);
        var reminders = new AdminReminders(database, time);
        var abandoned = broadcasts.CreateDraft("ditinggal", [1, 2, 3], "telegram:9", "telegram", "9");
        var sent = broadcasts.CreateDraft("dikirim", null, "telegram:9", "telegram", "9");
        broadcasts.Confirm(sent);
        var scheduled = broadcasts.CreateDraft("terjadwal", null, "telegram:9", "telegram", "9", time.GetUtcNow().AddDays(3), "Asia/Jakarta");
        broadcasts.Schedule(scheduled);
        var unsaved = reminders.AddDraft("0 7 * * 1", "Asia/Jakarta", "belum disimpan", "telegram:9");
        var saved = reminders.AddDraft("0 7 * * 1", "Asia/Jakarta", "disimpan", "telegram:9");
        reminders.Save(saved, "telegram:9");
        time.Advance(TimeSpan.FromHours(25));
        var fresh = broadcasts.CreateDraft("baru", null, "telegram:9", "telegram", "9");

        var files = new EvidenceFiles(database, Path.Combine(temp.Folder, "evidence"), new TipCipher(RandomNumberGenerator.GetBytes(32)), new ReceiptHashes(RandomNumberGenerator.GetBytes(32)), time);
        Assert.Equal((0, 2), new Retention(database, files, time).Run(TimeSpan.FromDays(180), TimeSpan.FromHours(24)));
        using var connection = database.Open();
        Assert.Equal([sent, scheduled, fresh], connection.Query<long>("SELECT id FROM broadcasts ORDER BY id"));
        Assert.Equal([saved], connection.Query<long>("SELECT id FROM reminders ORDER BY id"));
        Assert.DoesNotContain(abandoned, connection.Query<long>("SELECT id FROM broadcasts"));
        Assert.DoesNotContain(unsaved, connection.Query<long>("SELECT id FROM reminders"));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public void TipCipher_WrongKey_FailsClearly_AndNeverReturnsGarbage(StorageProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var database = temp.Unmigrated();
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
