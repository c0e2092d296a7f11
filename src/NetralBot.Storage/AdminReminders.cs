using Cronos;
using Dapper;
using NetralBot.Core.Reminders;

namespace NetralBot.Storage;

/// <summary>
/// Reminders admins define in chat: a draft while previewed, active once saved, deactivated (kept for the audit)
/// when deleted. Saving and deleting are written to admin_audit in the same transaction.
/// </summary>
public sealed class AdminReminders(Database database, TimeProvider time)
{
    /// <summary>One admin reminder; <paramref name="SavedAt"/> is null while it is a draft.</summary>
    public sealed record Saved(long Id, string Cron, string TimeZone, string Text, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? SavedAt, bool Active)
    {
        /// <summary>Its id among all reminders (file reminders use their own id), for reminder_runs and broadcasts.</summary>
        public string RunId => "admin:" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>As a schedulable reminder (Indonesian only). The cron and zone were checked when it was made.</summary>
        public Reminder ToReminder() => new(RunId, CronExpression.Parse(Cron), IndonesianTimeZones.Find(TimeZone)!, Text, null);
    }

    private const string InsertDraft = """
        INSERT INTO reminders (cron, time_zone, text, created_by, created_at, active)
        VALUES (@Cron, @TimeZone, @Text, @CreatedBy, @Now, FALSE) RETURNING id
        """;

    /// <summary>A reminder the admin is previewing: not scheduled until <see cref="Save"/>.</summary>
    public long AddDraft(string cron, string timeZone, string text, string createdBy)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(InsertDraft, new { Cron = cron, TimeZone = timeZone, Text = text, CreatedBy = createdBy, Now = UnixTime.ToMs(time.GetUtcNow()) });
    }

    private const string SaveDraft = "UPDATE reminders SET active = TRUE, saved_at = @Now WHERE id = @Id AND saved_at IS NULL AND deleted_at IS NULL";

    /// <summary>Schedules a draft from now on. False when it is no draft (already saved, cancelled or unknown).</summary>
    public bool Save(long id, string admin)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        if (connection.Execute(SaveDraft, new { Id = id, Now = UnixTime.ToMs(time.GetUtcNow()) }, transaction) == 0)
        {
            return false;
        }
        Audit(new StoreTransaction(connection, transaction), admin, "reminder_add", id);
        transaction.Commit();
        return true;
    }

    private const string DeleteDraft = "DELETE FROM reminders WHERE id = @Id AND saved_at IS NULL";

    /// <summary>Drops a draft (Cancel); nothing was ever scheduled, so nothing is kept.</summary>
    public bool Discard(long id)
    {
        using var connection = database.Open();
        return connection.Execute(DeleteDraft, new { Id = id }) == 1;
    }

    private const string Deactivate = """
        UPDATE reminders SET active = FALSE, deleted_by = @Admin, deleted_at = @Now WHERE id = @Id AND active = TRUE
        """;

    /// <summary>Stops an active reminder; the row stays for the audit. False when there is no such active reminder.</summary>
    public bool Delete(long id, string admin)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        if (connection.Execute(Deactivate, new { Id = id, Admin = admin, Now = UnixTime.ToMs(time.GetUtcNow()) }, transaction) == 0)
        {
            return false;
        }
        Audit(new StoreTransaction(connection, transaction), admin, "reminder_delete", id);
        transaction.Commit();
        return true;
    }

    private const string SelectColumns = """
        SELECT id AS Id, cron AS Cron, time_zone AS TimeZone, text AS Text, created_by AS CreatedBy,
               created_at AS CreatedAt, saved_at AS SavedAt, active AS Active
        FROM reminders
        """;

    private const string SelectActive = SelectColumns + " WHERE active = TRUE ORDER BY id";

    /// <summary>The scheduled reminders, oldest first.</summary>
    public IReadOnlyList<Saved> ListActive()
    {
        using var connection = database.Open();
        return connection.Query<Row>(SelectActive).Select(ToSaved).ToList();
    }

    private const string SelectOne = SelectColumns + " WHERE id = @Id";

    /// <summary>Any reminder by number: draft, active or deleted.</summary>
    public Saved? Get(long id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<Row>(SelectOne, new { Id = id }) is { } row ? ToSaved(row) : null;
    }

    private const string InsertAudit = """
        INSERT INTO admin_audit (at, admin, action, tip_id, detail) VALUES (@At, @Admin, @Action, NULL, @Detail)
        """;

    private void Audit(StoreTransaction work, string admin, string action, long id) =>
        work.Connection.Execute(InsertAudit, new { At = UnixTime.ToMs(time.GetUtcNow()), Admin = admin, Action = action, Detail = "reminder " + id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, work.Transaction);

    private static Saved ToSaved(Row r) =>
        new(r.Id, r.Cron, r.TimeZone, r.Text, r.CreatedBy, UnixTime.FromMs(r.CreatedAt), r.SavedAt is { } s ? UnixTime.FromMs(s) : null, r.Active);

    // Properties, not a positional record: Dapper converts SQLite's 0/1 to the bool PostgreSQL returns only when setting a property.
    private sealed class Row
    {
        public long Id { get; init; }
        public string Cron { get; init; } = "";
        public string TimeZone { get; init; } = "";
        public string Text { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public long CreatedAt { get; init; }
        public long? SavedAt { get; init; }
        public bool Active { get; init; }
    }
}
