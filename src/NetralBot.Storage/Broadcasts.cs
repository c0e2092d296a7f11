using Dapper;

namespace NetralBot.Storage;

/// <summary>
/// Broadcasts and their outbox. Creating one writes a row per active subscriber in the same transaction; the sender
/// claims rows (pending → sending), then marks them sent or failed. Rows left "sending" by a crash go back to pending
/// at start-up (on PostgreSQL once their claim's lease ran out), so at most the messages in flight at the crash can be
/// sent twice.
/// </summary>
public sealed partial class Broadcasts(Database database, TimeProvider time)
{
    /// <summary>One message to deliver.</summary>
    public sealed record Delivery(long BroadcastId, long SubscriberId, string Channel, string ChatId, string Language, string Text, bool HasImage, int Attempts);

    /// <summary>Where a broadcast stands; <paramref name="StartedAt"/> is when it was confirmed (for the rate).</summary>
    public sealed record Progress(long Id, string State, long Total, long Sent, long Failed, long Pending, long StartedAtMs, long? SendAtMs, string? SendZone)
    {
        public DateTimeOffset StartedAt => UnixTime.FromMs(StartedAtMs);

        /// <summary>When a scheduled broadcast is (or was) due; null for one sent on confirming.</summary>
        public DateTimeOffset? SendAt => SendAtMs is { } ms ? UnixTime.FromMs(ms) : null;
    }

    /// <summary>A broadcast an admin is composing: what, to whom, and when (null: on confirming).</summary>
    public sealed record Draft(long Id, string Text, string? Regency, string? Agency, bool HasImage, DateTimeOffset? SendAt = null, string? SendZone = null);

    /// <summary>A broadcast whose progress is shown in an admin's chat.</summary>
    public sealed record Report(long Id, string Channel, string ChatId, string? MessageId);

    private const string InsertBroadcast = """
        INSERT INTO broadcasts (text, text_en, regency, agency, image, created_by, created_at, state, send_at, send_zone)
        VALUES (@Text, @TextEn, @Regency, @Agency, @Image, @CreatedBy, @Now, @State, @SendAt, @SendZone) RETURNING id
        """;

    private const string FillOutbox = """
        INSERT INTO outbox (broadcast_id, subscriber_id, state, updated_at)
        SELECT @Id, s.id, 'pending', @Now FROM subscribers s, broadcasts b
        WHERE b.id = @Id AND s.active = TRUE
          AND (b.regency IS NULL OR s.regency = b.regency) AND (b.agency IS NULL OR s.agency = b.agency)
        """;

    /// <summary>
    /// Creates a broadcast to every active subscriber (or a segment); returns its id and the number of recipients.
    /// With <paramref name="sendAt"/> it is scheduled instead: recipients are counted when it starts (0 returned).
    /// </summary>
    public (long Id, int Recipients) Create(string text, string createdBy, string? textEn = null, string? regency = null, string? agency = null, byte[]? image = null,
        DateTimeOffset? sendAt = null, string? sendZone = null)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var created = Create(new StoreTransaction(connection, transaction), text, createdBy, textEn, regency, agency, image, sendAt, sendZone);
        transaction.Commit();
        return created;
    }

    /// <summary>Creates a broadcast inside the caller's transaction (a reminder and its run record together).</summary>
    /// <param name="regency">Only subscribers of this kabupaten/kota (null: all).</param>
    /// <param name="agency">Only subscribers of this agency (null: all).</param>
    /// <param name="image">A cleaned JPEG sent with the text (null: text only).</param>
    /// <param name="sendAt">When to start it (null: now), shown back in <paramref name="sendZone"/>.</param>
    public (long Id, int Recipients) Create(StoreTransaction work, string text, string createdBy, string? textEn = null, string? regency = null, string? agency = null,
        byte[]? image = null, DateTimeOffset? sendAt = null, string? sendZone = null)
    {
        var now = UnixTime.ToMs(time.GetUtcNow());
        var id = work.Connection.ExecuteScalar<long>(InsertBroadcast, new
        {
            Text = text, TextEn = textEn, Regency = regency, Agency = agency, Image = image, CreatedBy = createdBy, Now = now,
            State = sendAt is null ? "sending" : "scheduled", SendAt = sendAt is { } at ? UnixTime.ToMs(at) : (long?)null, SendZone = sendZone,
        }, work.Transaction);
        if (sendAt is not null)
        {
            return (id, 0);
        }
        var recipients = work.Connection.Execute(FillOutbox, new { Id = id, Now = now }, work.Transaction);
        work.Connection.Execute(FinishIfDone, new { BroadcastId = id }, work.Transaction); // nobody to send to: done at once
        return (id, recipients);
    }

    private const string SelectRecent = "SELECT id FROM broadcasts WHERE state <> 'draft' ORDER BY id DESC LIMIT @Limit";

    public IReadOnlyList<Progress> Recent(int limit)
    {
        using var connection = database.Open();
        return connection.Query<long>(SelectRecent, new { Limit = limit }).Select(id => GetProgress(id)!).ToList();
    }

    private const string CountWaiting = "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')";

    /// <summary>Messages of broadcasts not yet sent (the outbox depth).</summary>
    public long Waiting()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(CountWaiting);
    }

    /// <summary>
    /// How long a claim without a worker's number holds on PostgreSQL (one made before claims were numbered): a row
    /// "sending" for longer belongs to a worker that died. (A claimed batch of <c>BatchSize</c> messages goes out within
    /// seconds.)
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    // A "sending" row's updated_at is when it was claimed.
    private const string Recover = "UPDATE outbox SET state = 'pending', updated_at = @Now WHERE state = 'sending'";

    private const string RecoverFromGoneWorkers = $"""
        UPDATE outbox SET state = 'pending', claimed_by = NULL, updated_at = @Now
        WHERE state = 'sending'
          AND (claimed_by IS NULL AND updated_at <= @ClaimedBefore
               OR claimed_by IS NOT NULL AND claimed_by NOT IN ({WorkerLocks.PresentNumbers}))
        """;

    /// <summary>
    /// After a crash: messages that may or may not have gone out are sent again (the bounded duplicate). With SQLite
    /// this process is the only sender, so at start-up every claim is from before the crash; with PostgreSQL the claims
    /// of workers no longer present are taken back (any worker, at any time), never those of a live worker.
    /// </summary>
    public int RecoverInFlight()
    {
        var now = time.GetUtcNow();
        using var connection = database.Open();
        return connection.Execute(database.Sql(Recover, RecoverFromGoneWorkers), new { Now = UnixTime.ToMs(now), ClaimedBefore = UnixTime.ToMs(now - ClaimLease) });
    }

    // A "done" broadcast has a pending row only when a message was put back for the 24-hour window (see
    // RequeueWindowClosed) while another worker's last results marked it done: it still goes out.
    private const string PendingRows = """
        SELECT o.broadcast_id, o.subscriber_id FROM outbox o
            JOIN broadcasts b ON b.id = o.broadcast_id
            WHERE o.state = 'pending' AND b.state IN ('sending', 'done')
            ORDER BY o.broadcast_id, o.subscriber_id
            LIMIT @Limit
        """;

    private const string ClaimRows = """
        UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = @Now, claimed_by = @Worker
        WHERE (broadcast_id, subscriber_id) IN
        """;

    private const string Claimed = "RETURNING broadcast_id AS BroadcastId, subscriber_id AS SubscriberId, attempts AS Attempts";

    private const string ClaimSqlite = $"{ClaimRows} ({PendingRows}) {Claimed}";

    // Workers claiming at once each get other rows: those another worker is claiming are skipped, not waited for.
    private const string ClaimPostgres = $"{ClaimRows} ({PendingRows} FOR UPDATE OF o SKIP LOCKED) {Claimed}";

    private const string SelectDetails = """
        SELECT s.channel AS Channel, s.chat_id AS ChatId, s.language AS Language,
               CASE WHEN s.language = 'en' AND b.text_en IS NOT NULL THEN b.text_en ELSE b.text END AS Text,
               CASE WHEN b.image IS NOT NULL THEN 1 ELSE 0 END AS HasImage, s.active AS Active
        FROM subscribers s, broadcasts b WHERE s.id = @SubscriberId AND b.id = @BroadcastId
        """;

    /// <summary>Claims up to <paramref name="limit"/> pending messages (state → sending) and returns them.</summary>
    /// <param name="worker">The claiming worker's number (<c>WorkerLocks.HoldPresence</c>); null with one process.</param>
    public IReadOnlyList<Delivery> ClaimNext(int limit, long? worker = null)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var claimed = connection.Query<(long BroadcastId, long SubscriberId, long Attempts)>(database.Sql(ClaimSqlite, ClaimPostgres),
            new { Limit = limit, Now = UnixTime.ToMs(time.GetUtcNow()), Worker = worker }, transaction).ToList();
        var deliveries = new List<Delivery>(claimed.Count);
        foreach (var (broadcastId, subscriberId, attempts) in claimed.OrderBy(c => c.BroadcastId).ThenBy(c => c.SubscriberId))
        {
            var d = connection.QuerySingle<(string Channel, string ChatId, string Language, string Text, bool HasImage, bool Active)>(SelectDetails, new { BroadcastId = broadcastId, SubscriberId = subscriberId }, transaction);
            if (!d.Active)
            {
                connection.Execute(MarkRow, new { BroadcastId = broadcastId, SubscriberId = subscriberId, State = "skipped", Error = "unsubscribed", Now = UnixTime.ToMs(time.GetUtcNow()) }, transaction);
                continue;
            }
            deliveries.Add(new Delivery(broadcastId, subscriberId, d.Channel, d.ChatId, d.Language, d.Text, d.HasImage, (int)attempts));
        }
        transaction.Commit();
        return deliveries;
    }

    private const string MarkRow = """
        UPDATE outbox SET state = @State, error = @Error, updated_at = @Now WHERE broadcast_id = @BroadcastId AND subscriber_id = @SubscriberId
        """;

    private const string FinishIfDone = """
        UPDATE broadcasts SET state = 'done'
        WHERE id = @BroadcastId AND state = 'sending'
          AND NOT EXISTS (SELECT 1 FROM outbox WHERE broadcast_id = @BroadcastId AND state IN ('pending', 'sending'))
        """;

    /// <summary>What became of one claimed message: sent, failed for good, blocked by the person, or to be tried again.</summary>
    public enum Result
    {
        Sent,
        Failed,
        Blocked,
        RetryLater,
    }

    /// <summary>One claimed message's result, with the reason when it was not sent.</summary>
    public sealed record Outcome(Delivery Delivery, Result Result, string? Reason = null);

    private const string Unsubscribe = "UPDATE subscribers SET active = FALSE, updated_at = @Now WHERE id = @SubscriberId AND active = TRUE";

    /// <summary>
    /// Writes the results of messages sent meanwhile in one transaction (a group commit): each row sent, failed or
    /// pending again; a person who blocked the bot is unsubscribed; a broadcast with nothing left is done.
    /// </summary>
    public void Record(IReadOnlyCollection<Outcome> outcomes)
    {
        var now = UnixTime.ToMs(time.GetUtcNow());
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var (delivery, result, reason) in outcomes)
        {
            var (state, error) = result switch
            {
                Result.Sent => ("sent", null),
                Result.Blocked => ("failed", reason ?? "blocked by the user"),
                Result.RetryLater => ("pending", reason ?? "failed"),
                _ => ("failed", reason ?? "failed"),
            };
            connection.Execute(MarkRow, new { delivery.BroadcastId, delivery.SubscriberId, State = state, Error = error, Now = now }, transaction);
            if (result == Result.Blocked)
            {
                connection.Execute(Unsubscribe, new { delivery.SubscriberId, Now = now }, transaction);
            }
        }
        foreach (var broadcastId in outcomes.Select(o => o.Delivery.BroadcastId).Distinct())
        {
            connection.Execute(FinishIfDone, new { BroadcastId = broadcastId }, transaction);
        }
        transaction.Commit();
    }

    private const string Cancel = "UPDATE broadcasts SET state = 'cancelled' WHERE id = @Id AND state IN ('sending', 'scheduled')";

    public bool CancelBroadcast(long id)
    {
        using var connection = database.Open();
        return connection.Execute(Cancel, new { Id = id }) == 1;
    }

    private const string SelectProgress = """
        SELECT b.id AS Id, b.state AS State,
               COUNT(o.subscriber_id) AS Total,
               COALESCE(SUM(CASE WHEN o.state = 'sent' THEN 1 ELSE 0 END), 0) AS Sent,
               COALESCE(SUM(CASE WHEN o.state IN ('failed', 'skipped') THEN 1 ELSE 0 END), 0) AS Failed,
               COALESCE(SUM(CASE WHEN o.state IN ('pending', 'sending') THEN 1 ELSE 0 END), 0) AS Pending,
               b.created_at AS StartedAtMs, b.send_at AS SendAtMs, b.send_zone AS SendZone
        FROM broadcasts b LEFT JOIN outbox o ON o.broadcast_id = b.id
        WHERE b.id = @Id
        GROUP BY b.id, b.state, b.created_at, b.send_at, b.send_zone
        """;

    public Progress? GetProgress(long id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<Progress>(SelectProgress, new { Id = id });
    }
}
