using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;

namespace NetralBot.Storage;

/// <summary>
/// Deletes what must not be kept: closed tips after the retention period with their evidence files, untouched
/// private drafts after a day, and evidence files that no tip holds (a cancelled or expired draft's); also admins'
/// broadcast and reminder drafts never sent, saved or cancelled (a broadcast draft may hold a picture).
/// </summary>
public sealed class Retention(Database database, EvidenceFiles evidence, TimeProvider time)
{
    private const string DeleteClosedTips = "DELETE FROM tips WHERE closed_at IS NOT NULL AND closed_at < @Cutoff";
    private const string DeleteStaleDrafts = "DELETE FROM private_states WHERE updated_at < @Cutoff";
    private const string DeleteBroadcastDrafts = "DELETE FROM broadcasts WHERE state = 'draft' AND created_at < @Cutoff";
    private const string DeleteReminderDrafts = "DELETE FROM reminders WHERE saved_at IS NULL AND active = FALSE AND deleted_at IS NULL AND created_at < @Cutoff";
    private const string SelectLooseFiles = "SELECT file_id FROM evidence_files WHERE tip_id IS NULL AND created_at < @Cutoff";
    private const string DeleteFileRow = "DELETE FROM evidence_files WHERE file_id = @FileId";

    /// <summary>
    /// Runs the deletions and leaves no residue of them (SQLite: secure_delete zeroes freed pages; PostgreSQL: VACUUM FULL
    /// rewrites the tables that lost rows, at this run and again at the next); files are overwritten. Returns the counts.
    /// </summary>
    public (int Tips, int Drafts) Run(TimeSpan keepClosedTips, TimeSpan keepDrafts)
    {
        var now = time.GetUtcNow();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var tips = connection.Execute(DeleteClosedTips, new { Cutoff = UnixTime.ToMs(now - keepClosedTips) }, transaction);
        var draftCutoff = new { Cutoff = UnixTime.ToMs(now - keepDrafts) };
        var privateDrafts = connection.Execute(DeleteStaleDrafts, draftCutoff, transaction);
        var broadcastDrafts = connection.Execute(DeleteBroadcastDrafts, draftCutoff, transaction);
        var reminderDrafts = connection.Execute(DeleteReminderDrafts, draftCutoff, transaction);
        // Files of deleted tips lost their tip (ON DELETE SET NULL); draft files older than a draft may live are loose too.
        foreach (var fileId in connection.Query<string>(SelectLooseFiles, new { Cutoff = UnixTime.ToMs(now - keepDrafts) }, transaction).ToList())
        {
            evidence.Shred(fileId);
            connection.Execute(DeleteFileRow, new { FileId = fileId }, transaction);
        }
        transaction.Commit();
        if (database.IsPostgres)
        {
            VacuumPostgres(connection, tips, broadcastDrafts, reminderDrafts);
        }
        else
        {
            // secure_delete zeroed the freed pages; move them out of the WAL into the main file now, not at some later checkpoint.
            connection.Execute(CheckpointSqlite);
        }
        return (tips, privateDrafts + broadcastDrafts + reminderDrafts);
    }

    // Its own method, never inlined: the catch of Npgsql's exception would load Npgsql's assembly with Run on SQLite too.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void VacuumPostgres(DbConnection connection, int tips, int broadcastDrafts, int reminderDrafts)
    {
        // A deleted row stays in its table's file until VACUUM FULL rewrites the table (outside a transaction). A
        // transaction that began before the delete (another worker's, a connection starting) makes VACUUM keep the
        // row still visible to it, so the tables are rewritten again at the next run, when that one has ended.
        // private_states every time: each sent tip's draft was deleted by its conversation step, not here; with it the
        // tables whose rows are deleted all the time, as their messages are answered or fall out of the recent ones
        // (inbox, web_activities): their dead rows hold encrypted messages of chats that may have sent a tip.
        var deletedNow = new[] { (tips, VacuumTips), (1, VacuumPrivateStates), (1, VacuumMessages), (broadcastDrafts, VacuumBroadcasts), (reminderDrafts, VacuumReminders) }
            .Where(t => t.Item1 > 0).Select(t => t.Item2).ToHashSet(StringComparer.Ordinal);
        lock (_vacuumAgain)
        {
            var due = deletedNow.Union(_vacuumAgain).Order(StringComparer.Ordinal).ToList();
            _vacuumAgain.Clear();
            _vacuumAgain.UnionWith(deletedNow);
            // VACUUM FULL locks the table; it waits a few seconds at most for other workers' transactions on it.
            connection.Execute(LockTimeoutPostgres);
            foreach (var tables in due)
            {
                try
                {
                    connection.Execute(tables);
                }
                catch (Npgsql.PostgresException ex) when (ex.SqlState == "55P03")
                {
                    _vacuumAgain.Add(tables); // busy now: at the next run
                }
            }
        }
    }

    // Tables rewritten in the last run that deleted rows, rewritten once more at the next run.
    private readonly HashSet<string> _vacuumAgain = new(StringComparer.Ordinal);

    private const string CheckpointSqlite = "PRAGMA wal_checkpoint(TRUNCATE)";

    private const string LockTimeoutPostgres = "SET lock_timeout = '5s'";

    private const string VacuumTips = "VACUUM (FULL) tips, tip_messages, evidence_files";
    private const string VacuumPrivateStates = "VACUUM (FULL) private_states";
    private const string VacuumMessages = "VACUUM (FULL) inbox, web_activities";
    private const string VacuumBroadcasts = "VACUUM (FULL) broadcasts";
    private const string VacuumReminders = "VACUUM (FULL) reminders";
}
