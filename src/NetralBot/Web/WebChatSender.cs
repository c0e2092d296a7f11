using NetralBot.Channels;
using NetralBot.Core.Conversations;

namespace NetralBot.Web;

/// <summary>
/// Sends to a web conversation: the reply becomes an activity that polling clients fetch and open streams receive.
/// An answer carries the id of the message it answers (replyToId); a broadcast carries none. Both are stored in the
/// database, so a client polling any worker, also after a restart, receives them. An answer within a report is private
/// (deleted once delivered, see <see cref="WebConversations"/>).
/// </summary>
public sealed class WebChatSender(WebConversations conversations) : IMessageSender
{
    public const string ChannelName = "web";

    /// <summary>Why a broadcast to a web subscriber failed when its conversation was forgotten as idle.</summary>
    public const string ExpiredReason = "conversation expired";

    public string Channel => ChannelName;

    public Task<SendOutcome> SendAsync(string chatId, Reply reply, Traffic traffic, CancellationToken cancellationToken)
    {
        if (traffic == Traffic.Reply)
        {
            var answering = conversations.Answering(chatId);
            var answer = conversations.Append(chatId, WebRenderer.Render(reply, answering?.ActivityId, "id-ID"), isPrivate: answering?.Private == true)!;
            return Task.FromResult(new SendOutcome(SendStatus.Sent, null, answer.Id));
        }
        // A broadcast goes only into a conversation that still exists: one forgotten as idle has nobody to read it, so
        // its subscription ends as a blocked one does (the delivery is recorded failed, "conversation expired").
        return Task.FromResult(conversations.Append(chatId, WebRenderer.Render(reply, null, "id-ID"), create: false) is { } activity
            ? new SendOutcome(SendStatus.Sent, null, activity.Id)
            : new SendOutcome(SendStatus.Blocked, ExpiredReason));
    }

    /// <summary>Activities cannot be changed once sent: the new text comes as a new message.</summary>
    public Task<SendOutcome> EditAsync(string chatId, string messageId, Reply reply, CancellationToken cancellationToken) =>
        SendAsync(chatId, reply, Traffic.Reply, cancellationToken);
}
