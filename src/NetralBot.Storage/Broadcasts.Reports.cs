using Dapper;

namespace NetralBot.Storage;

/// <summary>The progress an admin sees in the chat that started a broadcast, and the delivery report at the end.</summary>
public sealed partial class Broadcasts
{
    private const string SelectReports = """
        SELECT id AS Id, report_channel AS Channel, report_chat_id AS ChatId, report_message_id AS MessageId
        FROM broadcasts WHERE report_chat_id IS NOT NULL AND reported = FALSE AND state NOT IN ('draft', 'scheduled')
        ORDER BY id
        """;

    /// <summary>Broadcasts whose progress an admin's chat still has to see (running, or finished but not yet reported).</summary>
    public IReadOnlyList<Report> ReportsDue()
    {
        using var connection = database.Open();
        return connection.Query<Report>(SelectReports).ToList();
    }

    /// <summary>Remembers the progress message, so it is edited in place (also after a restart).</summary>
    public void SetReportMessage(long id, string messageId)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE broadcasts SET report_message_id = @MessageId WHERE id = @Id", new { Id = id, MessageId = messageId });
    }

    /// <summary>The final delivery report went out: no more progress for this broadcast.</summary>
    public void MarkReported(long id)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE broadcasts SET reported = TRUE WHERE id = @Id", new { Id = id });
    }

    private const string SelectFailureReasons = """
        SELECT COALESCE(error, 'unknown') AS Reason, COUNT(*) AS Count FROM outbox
        WHERE broadcast_id = @Id AND state IN ('failed', 'skipped')
        GROUP BY COALESCE(error, 'unknown') ORDER BY COUNT(*) DESC, Reason
        """;

    /// <summary>Why messages of a broadcast were not delivered, most frequent first.</summary>
    public IReadOnlyList<(string Reason, long Count)> FailureReasons(long id)
    {
        using var connection = database.Open();
        return connection.Query<(string Reason, long Count)>(SelectFailureReasons, new { Id = id }).ToList();
    }
}
