namespace NetralBot.Storage.Tests;

/// <summary>Many subscribers at once, for the crash tests and the benchmarks.</summary>
public static class Seed
{
    /// <summary>
    /// WhatsApp subscribers with wa_ids <paramref name="firstWaId"/>, +1, …, each inside its 24-hour window (it wrote just
    /// now), so a broadcast goes to them as a normal message; one transaction.
    /// </summary>
    public static void WhatsAppSubscribers(Database database, int count, long firstWaId, TimeProvider time)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var subscriptions = new Subscriptions(database, time);
        var windows = new ServiceWindows(database, time);
        var work = new StoreTransaction(connection, transaction);
        for (var i = 0; i < count; i++)
        {
            var waId = (firstWaId + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            subscriptions.Subscribe(work, "whatsapp", waId, "id");
            windows.RecordInbound(work, "whatsapp", waId);
        }
        transaction.Commit();
    }
}
