using Dapper;

namespace NetralBot.Storage;

/// <summary>Deletes what must not be kept: closed tips after the retention period, untouched private drafts after a day.</summary>
public sealed class Retention(SqliteDatabase database, TimeProvider time)
{
    private const string DeleteClosedTips = "DELETE FROM tips WHERE closed_at IS NOT NULL AND closed_at < @Cutoff";
    private const string DeleteStaleDrafts = "DELETE FROM private_states WHERE updated_at < @Cutoff";

    /// <summary>Runs both deletions (secure_delete is on, so the freed pages are zeroed); returns the counts.</summary>
    public (int Tips, int Drafts) Run(TimeSpan keepClosedTips, TimeSpan keepDrafts)
    {
        var now = time.GetUtcNow();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var tips = connection.Execute(DeleteClosedTips, new { Cutoff = UnixTime.ToMs(now - keepClosedTips) }, transaction);
        var drafts = connection.Execute(DeleteStaleDrafts, new { Cutoff = UnixTime.ToMs(now - keepDrafts) }, transaction);
        transaction.Commit();
        // Move the deleted pages out of the WAL into the (zeroed) main file now rather than at some later checkpoint.
        connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        return (tips, drafts);
    }
}
