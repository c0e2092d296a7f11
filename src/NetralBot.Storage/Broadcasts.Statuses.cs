using Dapper;

namespace NetralBot.Storage;

/// <summary>Delivery statuses a channel reports after the send (WhatsApp: sent, delivered, read, failed).</summary>
public sealed partial class Broadcasts
{
    private const string SetStatusKey = """
        UPDATE outbox SET status_key = @Key WHERE broadcast_id = @BroadcastId AND subscriber_id = @SubscriberId
        """;

    /// <summary>
    /// Remembers by which key later statuses name each sent message: a keyed hash of the channel's message id,
    /// never the id itself.
    /// </summary>
    public void RecordStatusKeys(IReadOnlyCollection<(long BroadcastId, long SubscriberId, string Key)> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var (broadcastId, subscriberId, key) in keys)
        {
            connection.Execute(SetStatusKey, new { BroadcastId = broadcastId, SubscriberId = subscriberId, Key = key }, transaction);
        }
        transaction.Commit();
    }

    private const string SetReceipt = """
        UPDATE outbox SET receipt = @Receipt, updated_at = @Now
        WHERE status_key = @Key AND state = 'sent' AND (receipt IS NULL OR (receipt = 'delivered' AND @Receipt = 'read'))
        """;

    private const string SetFailedLater = """
        UPDATE outbox SET state = 'failed', error = @Reason, updated_at = @Now WHERE status_key = @Key AND state = 'sent'
        RETURNING subscriber_id
        """;

    // Only a row the bot sent while it took the person's window as open (see ServiceWindows.IsOpen), of a broadcast
    // still running or done (not cancelled), and not reported delivered.
    private const string SetPendingWindowClosed = """
        UPDATE outbox SET state = 'pending', error = @Reason, status_key = NULL, updated_at = @Now
        WHERE status_key = @Key AND state = 'sent' AND receipt IS NULL
          AND subscriber_id IN (SELECT id FROM subscribers WHERE last_inbound_at > @ClosedBefore)
          AND broadcast_id IN (SELECT id FROM broadcasts WHERE state IN ('sending', 'done'))
        RETURNING broadcast_id AS BroadcastId, subscriber_id AS SubscriberId
        """;

    private const string CloseWindow = "UPDATE subscribers SET last_inbound_at = NULL WHERE id = @SubscriberId";

    private const string Reopen = "UPDATE broadcasts SET state = 'sending' WHERE id = @BroadcastId AND state = 'done'";

    private const string UnsubscribeById = "UPDATE subscribers SET active = FALSE, updated_at = @Now WHERE id = @SubscriberId AND active = TRUE";

    /// <summary>The message reached the phone ("delivered") or was read ("read"); a later "delivered" does not undo "read".</summary>
    public void RecordReceipt(string key, string receipt)
    {
        using var connection = database.Open();
        connection.Execute(SetReceipt, new { Key = key, Receipt = receipt, Now = UnixTime.ToMs(time.GetUtcNow()) });
    }

    /// <summary>
    /// The platform accepted the message but refused it later because the person's 24-hour window was closed (WhatsApp
    /// error 131047) although the bot took it as open: the window is closed on the subscriber's row (the person's
    /// next message opens it again) and the row goes back to the outbox with its broadcast, so the channel sends it
    /// again, now as its approved template, or records it "not sent" without one. False, and nothing changes, when no
    /// sent row has this key (not a broadcast, a repeated status) or the bot already took the window as closed when it
    /// sent: that message was the template, and the caller records the failure (so it never loops). A message reported
    /// delivered, or of a cancelled broadcast, is not sent again. A report already sent to the admin is not repeated.
    /// </summary>
    public bool RequeueWindowClosed(string key, string reason)
    {
        var now = time.GetUtcNow();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var rows = connection.Query<(long BroadcastId, long SubscriberId)>(SetPendingWindowClosed, new
        {
            Key = key, Reason = reason, Now = UnixTime.ToMs(now), ClosedBefore = UnixTime.ToMs(now - ServiceWindows.Length),
        }, transaction).ToList();
        foreach (var (broadcastId, subscriberId) in rows)
        {
            connection.Execute(CloseWindow, new { SubscriberId = subscriberId }, transaction);
            connection.Execute(Reopen, new { BroadcastId = broadcastId }, transaction);
        }
        transaction.Commit();
        return rows.Count > 0;
    }

    /// <summary>
    /// The platform accepted the message but could not deliver it: the row becomes failed with the reason (it shows in
    /// the delivery report); with <paramref name="unsubscribe"/> the person gets no more broadcasts. False when no
    /// row has this key (not a broadcast, or already recorded).
    /// </summary>
    public bool RecordLateFailure(string key, string reason, bool unsubscribe)
    {
        var now = UnixTime.ToMs(time.GetUtcNow());
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var subscribers = connection.Query<long>(SetFailedLater, new { Key = key, Reason = reason, Now = now }, transaction).ToList();
        if (unsubscribe)
        {
            foreach (var subscriberId in subscribers)
            {
                connection.Execute(UnsubscribeById, new { SubscriberId = subscriberId, Now = now }, transaction);
            }
        }
        transaction.Commit();
        return subscribers.Count > 0;
    }
}
