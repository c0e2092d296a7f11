using Dapper;

namespace NetralBot.Storage;

/// <summary>
/// Evidence files, encrypted (AES-GCM, bound to the file id) and named by a random id; a row in evidence_files says
/// which tip they belong to. With SQLite they are owner-only files in the evidence folder, and removal overwrites a
/// file before deleting it. With PostgreSQL the encrypted bytes are in the row itself, so every worker can show a tip's
/// files to a reviewer (no shared folder to keep), and removal is the row's (retention rewrites the table afterwards).
/// </summary>
public sealed class EvidenceFiles(Database database, string folder, TipCipher cipher, ReceiptHashes receipts, TimeProvider time)
{
    private const string InsertFile = """
        INSERT INTO evidence_files (file_id, tip_id, created_at)
        VALUES (@FileId, (SELECT id FROM tips WHERE receipt_hash = @ReceiptHash), @Now)
        """;

    private const string InsertFileWithContent = """
        INSERT INTO evidence_files (file_id, tip_id, created_at, content)
        VALUES (@FileId, (SELECT id FROM tips WHERE receipt_hash = @ReceiptHash), @Now, @Content)
        """;

    private const string SelectContent = "SELECT content FROM evidence_files WHERE file_id = @FileId";

    /// <summary>Writes an already metadata-free file; with a receipt code it joins that sent tip, else the draft.</summary>
    public void Store(StoreTransaction work, string fileId, byte[] cleanContent, string? normalizedReceiptCode)
    {
        RequireId(fileId);
        var row = new
        {
            FileId = fileId,
            ReceiptHash = normalizedReceiptCode is null ? null : receipts.For(normalizedReceiptCode),
            Now = UnixTime.ToMs(time.GetUtcNow()),
            Content = cipher.Encrypt(cleanContent, Purpose(fileId)),
        };
        if (database.IsPostgres)
        {
            work.Connection.Execute(InsertFileWithContent, row, work.Transaction);
            return;
        }
        Directory.CreateDirectory(folder);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(PathOf(fileId), options))
        {
            file.Write(row.Content);
        }
        work.Connection.Execute(InsertFile, row, work.Transaction);
    }

    // Dapper expands a list into (@FileIds1, @FileIds2, …) for SQLite but passes it to Npgsql as one array parameter.
    private const string LinkToTipSqlite = "UPDATE evidence_files SET tip_id = @TipId WHERE file_id IN @FileIds AND tip_id IS NULL";
    private const string LinkToTipPostgres = "UPDATE evidence_files SET tip_id = @TipId WHERE file_id = ANY (@FileIds) AND tip_id IS NULL";

    /// <summary>Moves a draft's files to the tip it became.</summary>
    public void Attach(StoreTransaction work, long tipId, IReadOnlyCollection<string> fileIds)
    {
        if (fileIds.Count > 0)
        {
            work.Connection.Execute(work.Sql(LinkToTipSqlite, LinkToTipPostgres), new { TipId = tipId, FileIds = fileIds.ToArray() }, work.Transaction);
        }
    }

    /// <summary>The decrypted content (for reviewers and tests).</summary>
    public byte[] Read(string fileId)
    {
        RequireId(fileId);
        return cipher.Decrypt(database.IsPostgres ? StoredContent(fileId) ?? throw new FileNotFoundException("No evidence file " + fileId) : File.ReadAllBytes(PathOf(fileId)), Purpose(fileId));
    }

    public bool Exists(string fileId) => database.IsPostgres ? StoredContent(fileId) is not null : File.Exists(PathOf(fileId));

    /// <summary>Overwrites the file with zeros, flushes, then deletes it (SQLite; on PostgreSQL it goes with its row).</summary>
    public void Shred(string fileId)
    {
        RequireId(fileId);
        if (database.IsPostgres)
        {
            return;
        }
        var path = PathOf(fileId);
        if (!File.Exists(path))
        {
            return;
        }
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.Write(new byte[file.Length]);
            file.Flush(flushToDisk: true);
        }
        File.Delete(path);
    }

    private byte[]? StoredContent(string fileId)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<byte[]>(SelectContent, new { FileId = fileId });
    }

    private string PathOf(string fileId) => Path.Combine(folder, fileId + ".bin");

    private static string Purpose(string fileId) => "evidence:" + fileId;

    /// <summary>Ids come from the dialog's RNG as hex; anything else never reaches the file system.</summary>
    private static void RequireId(string fileId)
    {
        if (fileId.Length != 32 || !fileId.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not an evidence file id.", nameof(fileId));
        }
    }
}
