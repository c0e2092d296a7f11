using Dapper;

namespace NetralBot.Storage;

/// <summary>Sends a reminder occurrence at most once: its run row and its broadcast are written in one transaction.</summary>
public sealed class ReminderRuns(Database database, Broadcasts broadcasts)
{
    private const string Claim = """
        INSERT INTO reminder_runs (reminder_id, due_at) VALUES (@ReminderId, @DueAt) ON CONFLICT DO NOTHING
        """;

    private const string Link = "UPDATE reminder_runs SET broadcast_id = @BroadcastId WHERE reminder_id = @ReminderId AND due_at = @DueAt";

    /// <summary>Creates the broadcast for this occurrence unless it was already created; true when created now.</summary>
    public bool SendOnce(string reminderId, DateTimeOffset dueAt, string text, string? textEn)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var args = new { ReminderId = reminderId, DueAt = UnixTime.ToMs(dueAt) };
        if (connection.Execute(Claim, args, transaction) == 0)
        {
            return false;
        }
        var (id, _) = broadcasts.Create(new StoreTransaction(connection, transaction), text, "reminder:" + reminderId, textEn);
        connection.Execute(Link, new { BroadcastId = id, args.ReminderId, args.DueAt }, transaction);
        transaction.Commit();
        return true;
    }
}
