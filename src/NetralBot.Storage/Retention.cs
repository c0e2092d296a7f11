using Dapper;

namespace NetralBot.Storage;

/// <summary>
/// Deletes what must not be kept: closed tips after the retention period with their evidence files, untouched
/// private drafts after a day, and evidence files that no tip holds (a cancelled or expired draft's); also admins'
/// broadcast and reminder drafts never sent, saved or cancelled (a broadcast draft may hold a picture).
/// </summary>
public sealed class Retention(SqliteDatabase database, EvidenceFiles evidence, TimeProvider time)
{
    private const string DeleteClosedTips = "DELETE FROM tips WHERE closed_at IS NOT NULL AND closed_at < @Cutoff";
    private const string DeleteStaleDrafts = "DELETE FROM private_states WHERE updated_at < @Cutoff";
    private const string DeleteBroadcastDrafts = "DELETE FROM broadcasts WHERE state = 'draft' AND created_at < @Cutoff";
    private const string DeleteReminderDrafts = "DELETE FROM reminders WHERE saved_at IS NULL AND active = 0 AND deleted_at IS NULL AND created_at < @Cutoff";
    private const string SelectLooseFiles = "SELECT file_id FROM evidence_files WHERE tip_id IS NULL AND created_at < @Cutoff";
    private const string DeleteFileRow = "DELETE FROM evidence_files WHERE file_id = @FileId";

    /// <summary>Runs the deletions (secure_delete is on, so freed pages are zeroed; files are overwritten); returns the counts.</summary>
    public (int Tips, int Drafts) Run(TimeSpan keepClosedTips, TimeSpan keepDrafts)
    {
        var now = time.GetUtcNow();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var tips = connection.Execute(DeleteClosedTips, new { Cutoff = UnixTime.ToMs(now - keepClosedTips) }, transaction);
        var draftCutoff = new { Cutoff = UnixTime.ToMs(now - keepDrafts) };
        var drafts = connection.Execute(DeleteStaleDrafts, draftCutoff, transaction)
            + connection.Execute(DeleteBroadcastDrafts, draftCutoff, transaction)
            + connection.Execute(DeleteReminderDrafts, draftCutoff, transaction);
        // Files of deleted tips lost their tip (ON DELETE SET NULL); draft files older than a draft may live are loose too.
        foreach (var fileId in connection.Query<string>(SelectLooseFiles, new { Cutoff = UnixTime.ToMs(now - keepDrafts) }, transaction).ToList())
        {
            evidence.Shred(fileId);
            connection.Execute(DeleteFileRow, new { FileId = fileId }, transaction);
        }
        transaction.Commit();
        // Move the deleted pages out of the WAL into the (zeroed) main file now rather than at some later checkpoint.
        connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        return (tips, drafts);
    }
}
