using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;

namespace NetralBot.Storage.Tests;

/// <summary>A migrated database on one provider with every store wired as the program wires them, on a fake clock.</summary>
public sealed class StoreFixture : IDisposable
{
    private readonly TempDatabase _temp;

    public StoreFixture(StorageProvider provider)
    {
        _temp = new TempDatabase(provider);
        Database = _temp.Migrated(Time);
        Cipher = new TipCipher(RandomNumberGenerator.GetBytes(32));
        Receipts = new ReceiptHashes(RandomNumberGenerator.GetBytes(32));
        Files = new EvidenceFiles(Database, Path.Combine(_temp.Folder, "evidence"), Cipher, Receipts, Time);
        Log = new QuestionLog(Database);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));

    public Database Database { get; }

    public TipCipher Cipher { get; }

    /// <summary>The one question log of this database's stores (rows wait in it until written).</summary>
    public QuestionLog Log { get; }

    public ReceiptHashes Receipts { get; }

    public EvidenceFiles Files { get; }

    public TempDatabase Temp => _temp;

    public TipStore Tips => new(Database, Cipher, Receipts, Files, Time);

    public TipReview Review => new(Database, Cipher, Files, Time);

    public Broadcasts Broadcasts => new(Database, Time);

    public Subscriptions Subscriptions => new(Database, Time);

    /// <summary>Subscribes a chat in its own transaction.</summary>
    public void Subscribe(string chatId, string language = "id", string? regency = null, string? agency = null)
    {
        using var connection = Database.Open();
        using var transaction = connection.BeginTransaction();
        Subscriptions.Subscribe(new StoreTransaction(connection, transaction), "telegram", chatId, language, regency, agency);
        transaction.Commit();
    }

    public ConversationStore Conversations => new(Database, Cipher, Log, Time);

    public void Dispose()
    {
        Log.Dispose();
        _temp.Dispose();
    }
}
