using Dapper;
using NetralBot.Core.Tips;

namespace NetralBot.Storage;

/// <summary>
/// The tipster's side of tips: store a finished tip under the hash of its receipt code, find it again by code,
/// add information. Content is encrypted; no row holds anything about who sent it.
/// </summary>
public sealed class TipStore(Database database, TipCipher cipher, ReceiptHashes receipts, EvidenceFiles evidence, TimeProvider time)
{
    internal const string ContentPurpose = "tips.content";
    internal const string MessagePurpose = "tip_messages.content";
    internal const string ReasonPurpose = "tips.status_reason";

    private const string InsertTip = """
        INSERT INTO tips (receipt_hash, category, status, content, created_at, updated_at)
        VALUES (@ReceiptHash, @Category, @Status, @Content, @Now, @Now)
        RETURNING id
        """;

    /// <summary>Stores a sent tip; returns its number (for admins).</summary>
    public long Submit(TipDraft draft, string receiptCode)
    {
        using var connection = database.Open(durable: true);
        using var transaction = connection.BeginTransaction();
        var id = Submit(new StoreTransaction(connection, transaction), draft, receiptCode);
        transaction.Commit();
        return id;
    }

    /// <summary>Stores a sent tip inside the caller's transaction (with the conversation step that sent it).</summary>
    public long Submit(StoreTransaction work, TipDraft draft, string receiptCode)
    {
        var normalized = ReceiptCode.Normalize(receiptCode) ?? throw new ArgumentException("Not a receipt code.", nameof(receiptCode));
        var id = work.Connection.ExecuteScalar<long>(InsertTip, new
        {
            ReceiptHash = receipts.For(normalized),
            Category = (draft.Category ?? TipCategory.Other).ToString(),
            Status = nameof(TipStatus.Baru),
            Content = cipher.EncryptText(TipJson.Serialize(draft), ContentPurpose),
            Now = UnixTime.ToHourMs(time.GetUtcNow()), // coarse: see UnixTime.ToHourMs
        }, work.Transaction);
        evidence.Attach(work, id, [.. draft.Evidence.Where(e => e.FileId is not null).Select(e => e.FileId!)]);
        return id;
    }

    private const string SelectByHash = """
        SELECT id AS Id, status AS Status, status_reason AS StatusReason, created_at AS CreatedAt
        FROM tips WHERE receipt_hash = @ReceiptHash
        """;

    private const string SelectMessages = """
        SELECT author AS Author, content AS Content, created_at AS CreatedAt
        FROM tip_messages WHERE tip_id = @TipId ORDER BY created_at, id
        """;

    /// <summary>The tip with this (normalised) code as the tipster may see it, or null.</summary>
    public TipView? Find(StoreTransaction work, string normalizedCode)
    {
        var tip = work.Connection.QuerySingleOrDefault<TipRow>(SelectByHash, new { ReceiptHash = receipts.For(normalizedCode) }, work.Transaction);
        if (tip is null)
        {
            return null;
        }
        var messages = work.Connection.Query<MessageRow>(SelectMessages, new { TipId = tip.Id }, work.Transaction)
            .Select(m => new TipMessage(m.Author == "reviewer", cipher.DecryptText(m.Content, MessagePurpose), UnixTime.FromMs(m.CreatedAt)))
            .ToList();
        return new TipView(
            Enum.Parse<TipStatus>(tip.Status),
            tip.StatusReason is null ? null : cipher.DecryptText(tip.StatusReason, ReasonPurpose),
            UnixTime.FromMs(tip.CreatedAt),
            messages);
    }

    private const string InsertTipsterMessage = """
        INSERT INTO tip_messages (tip_id, author, content, created_at)
        SELECT id, 'tipster', @Content, @Now FROM tips WHERE receipt_hash = @ReceiptHash
        """;

    /// <summary>Adds the tipster's information to their tip; false when the code matches no tip.</summary>
    public bool AddInformation(StoreTransaction work, string normalizedCode, string text) =>
        work.Connection.Execute(InsertTipsterMessage, new
        {
            ReceiptHash = receipts.For(normalizedCode),
            Content = cipher.EncryptText(text, MessagePurpose),
            Now = UnixTime.ToHourMs(time.GetUtcNow()), // coarse: see UnixTime.ToHourMs
        }, work.Transaction) == 1;

    private sealed record TipRow(long Id, string Status, byte[]? StatusReason, long CreatedAt);

    private sealed record MessageRow(string Author, byte[] Content, long CreatedAt);
}
