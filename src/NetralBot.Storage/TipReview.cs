using Dapper;
using NetralBot.Core.Tips;

namespace NetralBot.Storage;

/// <summary>
/// The reviewers' side of tips: list, open (decrypted), change status with a reason, message the tipster, export.
/// Every action is written to admin_audit in the same transaction.
/// </summary>
public sealed class TipReview(Database database, TipCipher cipher, EvidenceFiles evidence, TimeProvider time)
{
    /// <summary>A line in the list of tips.</summary>
    public sealed record Summary(long Id, DateTimeOffset CreatedAt, TipCategory Category, TipStatus Status);

    /// <summary>A tip opened by a reviewer.</summary>
    public sealed record Details(long Id, DateTimeOffset CreatedAt, TipCategory Category, TipStatus Status, string? StatusReason, TipDraft Content, IReadOnlyList<TipMessage> Messages);

    private const string SelectList = """
        SELECT id AS Id, created_at AS CreatedAt, category AS Category, status AS Status
        FROM tips
        WHERE (@Status IS NULL OR status = @Status) AND (@Category IS NULL OR category = @Category)
        ORDER BY created_at DESC, id DESC
        LIMIT @Limit
        """;

    public IReadOnlyList<Summary> List(string admin, TipStatus? status, TipCategory? category, int limit)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var rows = connection.Query<SummaryRow>(SelectList, new { Status = status?.ToString(), Category = category?.ToString(), Limit = limit }, transaction)
            .Select(r => new Summary(r.Id, UnixTime.FromMs(r.CreatedAt), Enum.Parse<TipCategory>(r.Category), Enum.Parse<TipStatus>(r.Status)))
            .ToList();
        Audit(new StoreTransaction(connection, transaction), admin, "list", null, $"status={status?.ToString() ?? "*"} category={category?.ToString() ?? "*"}");
        transaction.Commit();
        return rows;
    }

    private const string SelectTip = """
        SELECT id AS Id, created_at AS CreatedAt, category AS Category, status AS Status, status_reason AS StatusReason, content AS Content
        FROM tips WHERE id = @Id
        """;

    private const string SelectMessages = """
        SELECT author AS Author, content AS Content, created_at AS CreatedAt
        FROM tip_messages WHERE tip_id = @Id ORDER BY created_at, id
        """;

    public Details? Open(string admin, long id)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var details = Read(new StoreTransaction(connection, transaction), id);
        if (details is not null)
        {
            Audit(new StoreTransaction(connection, transaction), admin, "open", id, null);
        }
        transaction.Commit();
        return details;
    }

    private const string UpdateStatus = """
        UPDATE tips
        SET status = @Status, status_reason = @Reason, updated_at = @Now,
            closed_at = CASE WHEN @Closed = 1 THEN @Now ELSE NULL END
        WHERE id = @Id
        """;

    /// <summary>Changes the status; the reason is shown to the tipster at their next /status. False if no such tip.</summary>
    public bool SetStatus(string admin, long id, TipStatus status, string? reason)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var now = UnixTime.ToMs(time.GetUtcNow());
        var changed = connection.Execute(UpdateStatus, new
        {
            Id = id,
            Status = status.ToString(),
            Reason = reason is null ? null : cipher.EncryptText(reason, TipStore.ReasonPurpose),
            Now = now,
            Closed = status is TipStatus.Ditolak or TipStatus.Selesai ? 1 : 0,
        }, transaction) == 1;
        if (changed)
        {
            Audit(new StoreTransaction(connection, transaction), admin, "status", id, status.ToString());
        }
        transaction.Commit();
        return changed;
    }

    private const string InsertReviewerMessage = """
        INSERT INTO tip_messages (tip_id, author, content, created_at)
        SELECT id, 'reviewer', @Content, @Now FROM tips WHERE id = @Id
        """;

    /// <summary>Leaves a message for the tipster (shown at their next /status). False if no such tip.</summary>
    public bool Message(string admin, long id, string text)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var added = connection.Execute(InsertReviewerMessage, new
        {
            Id = id,
            Content = cipher.EncryptText(text, TipStore.MessagePurpose),
            Now = UnixTime.ToMs(time.GetUtcNow()),
        }, transaction) == 1;
        if (added)
        {
            Audit(new StoreTransaction(connection, transaction), admin, "message", id, null);
        }
        transaction.Commit();
        return added;
    }

    private const string TipExists = "SELECT EXISTS (SELECT 1 FROM tips WHERE id = @Id)";

    private const string SelectFiles = "SELECT file_id FROM evidence_files WHERE tip_id = @Id ORDER BY created_at, file_id";

    /// <summary>The evidence files of a tip, decrypted, in the order they were sent (empty if it has none); null if no such tip.</summary>
    public IReadOnlyList<byte[]>? Files(string admin, long id)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        if (!connection.ExecuteScalar<bool>(TipExists, new { Id = id }, transaction))
        {
            return null;
        }
        var files = connection.Query<string>(SelectFiles, new { Id = id }, transaction).Select(evidence.Read).ToList();
        Audit(new StoreTransaction(connection, transaction), admin, "files", id, $"{files.Count} file(s)");
        transaction.Commit();
        return files;
    }

    private const string SelectAllIds = "SELECT id FROM tips ORDER BY created_at, id";

    /// <summary>Every tip, decrypted, oldest first (for forwarding to Bawaslu).</summary>
    public IReadOnlyList<Details> Export(string admin)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var work = new StoreTransaction(connection, transaction);
        var all = connection.Query<long>(SelectAllIds, transaction: transaction).Select(id => Read(work, id)!).ToList();
        Audit(work, admin, "export", null, $"{all.Count} tips");
        transaction.Commit();
        return all;
    }

    private const string SelectNewer = "SELECT id, category, content FROM tips WHERE id > @After ORDER BY id LIMIT 100";
    private const string SelectLastId = "SELECT COALESCE(MAX(id), 0) FROM tips";

    /// <summary>A new tip as an admin notification names it: number, category and kabupaten/kota, nothing else.</summary>
    public sealed record Arrival(long Id, TipCategory Category, string? Regency);

    /// <summary>Tips after <paramref name="afterId"/> (at most 100), read by the system to announce them (not audited: no admin read them).</summary>
    public IReadOnlyList<Arrival> ArrivedAfter(long afterId)
    {
        using var connection = database.Open();
        return [.. connection.Query<(long Id, string Category, byte[] Content)>(SelectNewer, new { After = afterId })
            .Select(t => new Arrival(t.Id, Enum.Parse<TipCategory>(t.Category), TipJson.Deserialize(cipher.DecryptText(t.Content, TipStore.ContentPurpose)).Regency))];
    }

    /// <summary>The newest tip's number (0 without tips).</summary>
    public long LastId()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(SelectLastId);
    }

    private Details? Read(StoreTransaction work, long id)
    {
        var row = work.Connection.QuerySingleOrDefault<TipRow>(SelectTip, new { Id = id }, work.Transaction);
        if (row is null)
        {
            return null;
        }
        var messages = work.Connection.Query<MessageRow>(SelectMessages, new { Id = id }, work.Transaction)
            .Select(m => new TipMessage(m.Author == "reviewer", cipher.DecryptText(m.Content, TipStore.MessagePurpose), UnixTime.FromMs(m.CreatedAt)))
            .ToList();
        return new Details(row.Id, UnixTime.FromMs(row.CreatedAt), Enum.Parse<TipCategory>(row.Category), Enum.Parse<TipStatus>(row.Status),
            row.StatusReason is null ? null : cipher.DecryptText(row.StatusReason, TipStore.ReasonPurpose),
            TipJson.Deserialize(cipher.DecryptText(row.Content, TipStore.ContentPurpose)),
            messages);
    }

    private const string InsertAudit = """
        INSERT INTO admin_audit (at, admin, action, tip_id, detail) VALUES (@At, @Admin, @Action, @TipId, @Detail)
        """;

    private void Audit(StoreTransaction work, string admin, string action, long? tipId, string? detail) =>
        work.Connection.Execute(InsertAudit, new { At = UnixTime.ToMs(time.GetUtcNow()), Admin = admin, Action = action, TipId = tipId, Detail = detail }, work.Transaction);

    private sealed record SummaryRow(long Id, long CreatedAt, string Category, string Status);

    private sealed record TipRow(long Id, long CreatedAt, string Category, string Status, byte[]? StatusReason, byte[] Content);

    private sealed record MessageRow(string Author, byte[] Content, long CreatedAt);
}
