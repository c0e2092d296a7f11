using Dapper;

namespace NetralBot.Storage;

/// <summary>Each admin's own choices: whether new tips are announced to them (on unless they switched it off).</summary>
public sealed class AdminPreferences(Database database, TimeProvider time)
{
    private const string SelectOff = "SELECT admin FROM admin_preferences WHERE tip_notifications = FALSE";

    /// <summary>The admins who switched tip notifications off.</summary>
    public IReadOnlySet<string> TipNotificationsOff()
    {
        using var connection = database.Open();
        return connection.Query<string>(SelectOff).ToHashSet(StringComparer.Ordinal);
    }

    private const string Upsert = """
        INSERT INTO admin_preferences (admin, tip_notifications, updated_at) VALUES (@Admin, @On, @Now)
        ON CONFLICT (admin) DO UPDATE SET tip_notifications = excluded.tip_notifications, updated_at = excluded.updated_at
        """;

    public void SetTipNotifications(string admin, bool on)
    {
        using var connection = database.Open(durable: true);
        connection.Execute(Upsert, new { Admin = admin, On = on, Now = UnixTime.ToMs(time.GetUtcNow()) });
    }
}
