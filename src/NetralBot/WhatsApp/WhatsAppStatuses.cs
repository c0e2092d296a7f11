using System.Globalization;
using NetralBot.Storage;

namespace NetralBot.WhatsApp;

/// <summary>
/// Applies the statuses Meta reports for messages the bot sent to the broadcast outbox, found by the keyed hash of the
/// message id: "delivered" and "read" are noted, "failed" turns a sent row into failed with the error code as the
/// reason (in the delivery report), and an undeliverable number or a person who stopped marketing messages gets no
/// more broadcasts. A "failed" with 131047 (the 24-hour window was closed) for a message sent as free-form text closes
/// the person's window and puts the message back in the outbox, so it goes again as the approved template, as the
/// sender does when the send itself is refused with 131047; for the template (the window was already taken as closed)
/// it is a failure like any other, so the bot never sends a message round and round (only the person writing in
/// between opens the window again). Statuses of replies (no outbox
/// row) change nothing.
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
                case "failed" when status.ErrorCode == ErrorCodes.OutsideWindow && broadcasts.RequeueWindowClosed(key, Reason(status.ErrorCode)):
                    break; // the window closed earlier than the bot knew: sent again, as the template (as a refused send is)
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
