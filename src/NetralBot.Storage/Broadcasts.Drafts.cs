using Dapper;

namespace NetralBot.Storage;

/// <summary>Broadcasts admins compose in chat: the draft they preview and narrow, then send now or schedule.</summary>
public sealed partial class Broadcasts
{
    private const string InsertDraft = """
        INSERT INTO broadcasts (text, image, created_by, created_at, state, report_channel, report_chat_id, send_at, send_zone)
        VALUES (@Text, @Image, @CreatedBy, @Now, 'draft', @ReportChannel, @ReportChatId, @SendAt, @SendZone) RETURNING id
        """;

    /// <summary>A broadcast an admin is previewing (to everyone until a segment is chosen): no recipients yet.</summary>
    /// <param name="reportChannel">The admin's channel, where the progress is shown once confirmed.</param>
    /// <param name="reportChatId">The admin's chat there.</param>
    /// <param name="sendAt">When to send it (null: when confirmed), shown back in <paramref name="sendZone"/>.</param>
    public long CreateDraft(string text, byte[]? image, string createdBy, string reportChannel, string reportChatId, DateTimeOffset? sendAt = null, string? sendZone = null)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(InsertDraft, new
        {
            Text = text, Image = image, CreatedBy = createdBy, Now = UnixTime.ToMs(time.GetUtcNow()), ReportChannel = reportChannel, ReportChatId = reportChatId,
            SendAt = sendAt is { } at ? UnixTime.ToMs(at) : (long?)null, SendZone = sendZone,
        });
    }

    private const string SelectDraft = """
        SELECT id AS Id, text AS Text, regency AS Regency, agency AS Agency, CASE WHEN image IS NOT NULL THEN 1 ELSE 0 END AS HasImage, send_at AS SendAt, send_zone AS SendZone
        FROM broadcasts WHERE id = @Id AND state = 'draft'
        """;

    public Draft? GetDraft(long id)
    {
        using var connection = database.Open();
        var row = connection.QuerySingleOrDefault<(long Id, string Text, string? Regency, string? Agency, bool HasImage, long? SendAt, string? SendZone)?>(SelectDraft, new { Id = id });
        return row is { } d ? new Draft(d.Id, d.Text, d.Regency, d.Agency, d.HasImage, d.SendAt is { } at ? UnixTime.FromMs(at) : null, d.SendZone) : null;
    }

    private const string UpdateSegment = "UPDATE broadcasts SET regency = @Regency, agency = @Agency WHERE id = @Id AND state = 'draft'";

    /// <summary>Targets a draft at a segment (null: everyone in that dimension). False when it is no longer a draft.</summary>
    public bool SetSegment(long id, string? regency, string? agency)
    {
        using var connection = database.Open();
        return connection.Execute(UpdateSegment, new { Id = id, Regency = regency, Agency = agency }) == 1;
    }

    /// <summary>A broadcast's image (null when it has none).</summary>
    public byte[]? Image(long id)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<byte[]?>("SELECT image FROM broadcasts WHERE id = @Id", new { Id = id });
    }

    private const string StartDraft = "UPDATE broadcasts SET state = 'sending', created_at = @Now WHERE id = @Id AND state = 'draft'";

    /// <summary>Confirms a previewed broadcast: fills the outbox with today's active subscribers. Null if it is no draft.</summary>
    public int? Confirm(long id)
    {
        var now = UnixTime.ToMs(time.GetUtcNow());
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        if (connection.Execute(StartDraft, new { Id = id, Now = now }, transaction) == 0)
        {
            return null;
        }
        var recipients = connection.Execute(FillOutbox, new { Id = id, Now = now }, transaction);
        connection.Execute(FinishIfDone, new { BroadcastId = id }, transaction);
        transaction.Commit();
        return recipients;
    }

    private const string ScheduleDraft = "UPDATE broadcasts SET state = 'scheduled' WHERE id = @Id AND state = 'draft' AND send_at IS NOT NULL";

    /// <summary>Confirms a previewed broadcast that has a send time: it waits for it. False if it is no such draft.</summary>
    public bool Schedule(long id)
    {
        using var connection = database.Open();
        return connection.Execute(ScheduleDraft, new { Id = id }) == 1;
    }

    private const string SelectDue = "SELECT id AS Id, send_at AS SendAt FROM broadcasts WHERE state = 'scheduled' AND send_at <= @Now ORDER BY send_at, id";

    private const string StartDue = "UPDATE broadcasts SET state = 'sending', created_at = @Now WHERE id = @Id AND state = 'scheduled'";

    private const string MissDue = "UPDATE broadcasts SET state = 'missed' WHERE id = @Id AND state = 'scheduled'";

    /// <summary>
    /// Starts the scheduled broadcasts whose time has come (their outbox filled with the subscribers of now); one that
    /// is later than <paramref name="grace"/> (the bot was down) is marked missed instead. Returns what it did.
    /// </summary>
    public IReadOnlyList<(long Id, bool Started)> StartScheduled(TimeSpan grace)
    {
        var now = UnixTime.ToMs(time.GetUtcNow());
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var done = new List<(long, bool)>();
        foreach (var (id, sendAt) in connection.Query<(long Id, long SendAt)>(SelectDue, new { Now = now }, transaction).ToList())
        {
            var inTime = now - sendAt <= (long)grace.TotalMilliseconds;
            connection.Execute(inTime ? StartDue : MissDue, new { Id = id, Now = now }, transaction);
            if (inTime)
            {
                connection.Execute(FillOutbox, new { Id = id, Now = now }, transaction);
                connection.Execute(FinishIfDone, new { BroadcastId = id }, transaction);
            }
            done.Add((id, inTime));
        }
        transaction.Commit();
        return done;
    }

    private const string DeleteDraft = "DELETE FROM broadcasts WHERE id = @Id AND state = 'draft'";

    public bool Discard(long id)
    {
        using var connection = database.Open();
        return connection.Execute(DeleteDraft, new { Id = id }) == 1;
    }
}
