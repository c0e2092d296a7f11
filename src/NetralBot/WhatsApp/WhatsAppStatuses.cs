using System.Globalization;
using NetralBot.Storage;

namespace NetralBot.WhatsApp;

/// <summary>
/// Applies the statuses Meta reports for messages the bot sent to the broadcast outbox, found by the keyed hash of the
/// message id: "delivered" and "read" are noted, "failed" turns a sent row into failed with the error code as the
/// reason (in the delivery report), and an undeliverable number or a person who stopped marketing messages gets no
/// more broadcasts. Statuses of replies (no outbox row) change nothing.
/// </summary>
public sealed class WhatsAppStatuses(Broadcasts broadcasts, WhatsAppIds ids)
{
    public void Apply(IEnumerable<WhatsAppMapper.Status> statuses)
    {
        foreach (var status in statuses)
        {
            var key = ids.StatusKey(status.MessageId);
            switch (status.Value)
            {
                case "delivered" or "read":
                    broadcasts.RecordReceipt(key, status.Value);
                    break;
                case "failed":
                    broadcasts.RecordLateFailure(key, Reason(status.ErrorCode), ErrorCodes.Unsubscribes(status.ErrorCode));
                    break;
            }
        }
    }

    private static string Reason(int? code) => code switch
    {
        ErrorCodes.Undeliverable => "undeliverable (WhatsApp error 131026)",
        ErrorCodes.StoppedMarketing => "the person stopped marketing messages (WhatsApp error 131050)",
        ErrorCodes.OutsideWindow => WhatsAppSender.OutsideWindow + " (WhatsApp error 131047)",
        { } c => "failed at WhatsApp (error " + c.ToString(CultureInfo.InvariantCulture) + ")",
        null => "failed at WhatsApp",
    };
}
