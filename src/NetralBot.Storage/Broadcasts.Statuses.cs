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

    private const string UnsubscribeById = "UPDATE subscribers SET active = FALSE, updated_at = @Now WHERE id = @SubscriberId AND active = TRUE";

    /// <summary>The message reached the phone ("delivered") or was read ("read"); a later "delivered" does not undo "read".</summary>
    public void RecordReceipt(string key, string receipt)
    {
        using var connection = database.Open();
        connection.Execute(SetReceipt, new { Key = key, Receipt = receipt, Now = UnixTime.ToMs(time.GetUtcNow()) });
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
