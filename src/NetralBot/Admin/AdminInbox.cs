using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Channels;
using NetralBot.Core.Conversations;
using NetralBot.Hosting;

namespace NetralBot.Admin;

/// <summary>
/// Sends what the bot starts itself (new-tip announcements, the weekly digest) to each admin's private chat: an
/// Admins:Users entry "channel:user id" is reached through that channel's sender; an admin on a channel this process
/// does not run is skipped.
/// </summary>
public sealed partial class AdminInbox(IEnumerable<IMessageSender> senders, IOptionsMonitor<AdminOptions> admins, ILogger<AdminInbox> logger)
{
    private readonly Dictionary<string, IMessageSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    /// <param name="except">Admins who do not want this (switched it off).</param>
    public async Task SendAsync(Reply reply, IReadOnlySet<string> except, CancellationToken cancellationToken)
    {
        foreach (var admin in admins.CurrentValue.Users.Where(a => !except.Contains(a)))
        {
            var colon = admin.IndexOf(':', StringComparison.Ordinal);
            if (!_senders.TryGetValue(admin[..colon], out var sender))
            {
                continue;
            }
            var sent = await sender.SendAsync(admin[(colon + 1)..], reply, Traffic.Reply, cancellationToken).ConfigureAwait(false);
            if (sent.Status != SendStatus.Sent)
            {
                LogNotDelivered(admin[..colon], sent.Reason ?? sent.Status.ToString());
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel}: a message to an admin was not delivered ({Reason})")]
    private partial void LogNotDelivered(string channel, string reason);
}
