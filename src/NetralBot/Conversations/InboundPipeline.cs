using Microsoft.Extensions.Logging;
using NetralBot.Channels;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Dialogs;
using NetralBot.Storage;

namespace NetralBot.Conversations;

/// <summary>
/// The one inbound loop every channel uses: acknowledge, fetch the attached file, run the conversation, send the
/// replies through the channel's <see cref="IMessageSender"/>. A person who blocked the bot is unsubscribed (the same
/// mechanism as for broadcasts); any failure is logged without chat, user or text and answered with a short apology.
/// Nothing escapes.
/// </summary>
public sealed partial class InboundPipeline(
    ConversationService conversations,
    IEnumerable<IMessageSender> senders,
    Subscriptions subscriptions,
    DialogsProvider dialogs,
    Http.BotMetrics metrics,
    ILogger<InboundPipeline> logger)
{
    private readonly Dictionary<string, IMessageSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    public async Task HandleAsync(ChannelMessage inbound, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var message = inbound.Message;
        if (!_senders.TryGetValue(message.Channel, out var sender))
        {
            LogNoSender(message.Channel);
            return;
        }
        try
        {
            if (inbound.Acknowledge is { } acknowledge)
            {
                await AcknowledgeAsync(acknowledge, message.Channel, cancellationToken).ConfigureAwait(false);
            }
            if (inbound.FetchAttachment is { } fetch)
            {
                message = message with { Attachment = await fetch(cancellationToken).ConfigureAwait(false) };
            }
            var outcome = await conversations.HandleAsync(message, cancellationToken).ConfigureAwait(false);
            inbound.Stepped?.Invoke(outcome);
            foreach (var reply in outcome.Replies)
            {
                var sent = await sender.SendAsync(message.ChatId, reply, Traffic.Reply, cancellationToken).ConfigureAwait(false);
                if (sent.Status == SendStatus.Blocked)
                {
                    metrics.ChannelError(message.Channel, "403");
                    subscriptions.Unsubscribe(message.Channel, message.ChatId);
                    LogBlocked(message.Channel);
                    return;
                }
                if (sent.Status is SendStatus.Failed or SendStatus.NotSent)
                {
                    // The next part would fail the same way; the conversation itself is saved.
                    LogReplyFailed(message.Channel, sent.Reason ?? "?");
                    return;
                }
            }
            metrics.Handled(message.Channel, outcome.Understood?.Intent, started);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(message.Channel, ex);
            await ApologiseAsync(sender, message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AcknowledgeAsync(Func<CancellationToken, Task> acknowledge, string channel, CancellationToken cancellationToken)
    {
        try
        {
            await acknowledge(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotAcknowledged(channel, ex); // the reply still comes
        }
    }

    private async Task ApologiseAsync(IMessageSender sender, InboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var language = LanguageCodes.Parse(message.LanguageCode) ?? Language.Indonesian;
            await sender.SendAsync(message.ChatId, new Reply(dialogs.Current.Texts.Get(language, TextKey.Apology)), Traffic.Reply, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogApologyFailed(message.Channel, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Channel}: no sender is registered for this channel; the message is dropped")]
    private partial void LogNoSender(string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel}: a person blocked the bot; they no longer get broadcasts")]
    private partial void LogBlocked(string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel}: a reply could not be sent ({Reason})")]
    private partial void LogReplyFailed(string channel, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Channel}: handling a message failed; the person got an apology")]
    private partial void LogFailed(string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel}: a message could not be acknowledged")]
    private partial void LogNotAcknowledged(string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel}: the apology could not be sent either")]
    private partial void LogApologyFailed(string channel, Exception exception);
}
