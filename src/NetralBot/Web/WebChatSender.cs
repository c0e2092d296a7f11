using NetralBot.Channels;
using NetralBot.Core.Conversations;

namespace NetralBot.Web;

/// <summary>
/// Sends to a web conversation: the reply becomes an activity that polling clients fetch and open streams receive.
/// An answer carries the id of the message it answers (replyToId); a broadcast carries none.
/// </summary>
public sealed class WebChatSender(WebConversations conversations) : IMessageSender
{
    public const string ChannelName = "web";

    public string Channel => ChannelName;

    public Task<SendOutcome> SendAsync(string chatId, Reply reply, Traffic traffic, CancellationToken cancellationToken)
    {
        var answering = traffic == Traffic.Reply ? conversations.Open(chatId).Answering : null;
        var activity = conversations.Append(chatId, WebRenderer.Render(reply, answering, "id-ID"));
        return Task.FromResult(new SendOutcome(SendStatus.Sent, null, activity.Id));
    }

    /// <summary>Activities cannot be changed once sent: the new text comes as a new message.</summary>
    public Task<SendOutcome> EditAsync(string chatId, string messageId, Reply reply, CancellationToken cancellationToken) =>
        SendAsync(chatId, reply, Traffic.Reply, cancellationToken);
}
