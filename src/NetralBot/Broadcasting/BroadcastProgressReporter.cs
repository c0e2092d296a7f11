using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Channels;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using NetralBot.Storage;

namespace NetralBot.Broadcasting;

/// <summary>
/// Shows a broadcast's progress in the chat of the admin who started it: one message, edited in place every few
/// seconds (sent / failed / left, rate, time left), and at the end a delivery report as a new message (so the
/// admin is notified) with why messages were not delivered. The message id is stored, so after a restart the same
/// message goes on being edited; the report is sent once.
/// </summary>
public sealed partial class BroadcastProgressReporter(
    Broadcasts broadcasts,
    IEnumerable<IMessageSender> senders,
    DialogsProvider dialogs,
    ConversationStore conversations,
    ConversationKeys keys,
    IOptions<BroadcastOptions> options,
    IOptions<BotOptions> bot,
    TimeProvider time,
    NetralBot.Hosting.Leadership leadership,
    ILogger<BroadcastProgressReporter> logger) : BackgroundService
{
    private readonly Dictionary<long, string> _shown = [];

    /// <summary>Once across workers: the worker leading "broadcast-progress" runs it (<see cref="Hosting.Leadership"/>).</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leadership.RunAsync("broadcast-progress", LeadAsync, stoppingToken);

    private async Task LeadAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ProgressSeconds), time);
        do
        {
            try
            {
                await ReportAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Broadcasts: showing progress failed; trying again shortly");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Updates every admin progress message that is due, and sends the reports of finished broadcasts.</summary>
    public async Task ReportAsync(CancellationToken cancellationToken)
    {
        foreach (var report in broadcasts.ReportsDue())
        {
            if (senders.FirstOrDefault(s => s.Channel == report.Channel) is not { } sender || broadcasts.GetProgress(report.Id) is not { } progress)
            {
                continue;
            }
            var language = conversations.Load(keys.For(report.Channel, report.ChatId))?.Language
                ?? LanguageCodes.Parse(bot.Value.DefaultLanguage) ?? Language.Indonesian;
            if (progress.State == "missed" || progress is { State: "cancelled", Total: 0 })
            {
                // Never started: a missed one is said once; one cancelled before its time needs no report.
                if (progress.State == "missed")
                {
                    var when = progress.SendAt is { } at ? BroadcastStateNames.When(at, progress.SendZone, language) : "";
                    await sender.SendAsync(report.ChatId, new Reply(Say(language, TextKey.AdminBroadcastMissed, ("id", Number(progress.Id)), ("when", when))), Traffic.Reply, cancellationToken).ConfigureAwait(false);
                }
                broadcasts.MarkReported(report.Id);
                continue;
            }
            var text = ProgressText(progress, language);
            var finished = progress.State != "sending";
            if (!_shown.TryGetValue(report.Id, out var shown) || shown != text || finished)
            {
                var outcome = report.MessageId is { } messageId
                    ? await sender.EditAsync(report.ChatId, messageId, new Reply(text), cancellationToken).ConfigureAwait(false)
                    : await sender.SendAsync(report.ChatId, new Reply(text), Traffic.Reply, cancellationToken).ConfigureAwait(false);
                if (outcome.Status != SendStatus.Sent && report.MessageId is not null && !finished)
                {
                    // The admin deleted the message, or it is too old to edit: start a new one.
                    outcome = await sender.SendAsync(report.ChatId, new Reply(text), Traffic.Reply, cancellationToken).ConfigureAwait(false);
                }
                if (outcome is { Status: SendStatus.Sent, MessageId: { } sentId } && sentId != report.MessageId)
                {
                    broadcasts.SetReportMessage(report.Id, sentId);
                }
                _shown[report.Id] = text;
            }
            if (finished)
            {
                var delivered = await sender.SendAsync(report.ChatId, new Reply(ReportText(progress, language)), Traffic.Reply, cancellationToken).ConfigureAwait(false);
                if (delivered.Status != SendStatus.Failed)
                {
                    broadcasts.MarkReported(report.Id);
                    _shown.Remove(report.Id);
                    LogReported(report.Id);
                }
            }
        }
    }

    private string ProgressText(Broadcasts.Progress p, Language language)
    {
        var elapsed = Elapsed(p);
        var done = p.Sent + p.Failed;
        var rate = elapsed.TotalSeconds >= 1 ? done / elapsed.TotalSeconds : 0;
        var left = rate > 0 ? TimeSpan.FromSeconds(p.Pending / rate) : (TimeSpan?)null;
        return Say(language, TextKey.AdminBroadcastProgress,
            ("id", Number(p.Id)), ("state", BroadcastStateNames.Name(dialogs.Current, language, p)), ("sent", Number(p.Sent)), ("failed", Number(p.Failed)), ("pending", Number(p.Pending)), ("total", Number(p.Total)),
            ("rate", rate.ToString("0.0", CultureInfo.InvariantCulture)), ("eta", left is { } l ? Duration(l) : "–"));
    }

    private string ReportText(Broadcasts.Progress p, Language language)
    {
        var sb = new StringBuilder(Say(language, TextKey.AdminBroadcastReport,
            ("id", Number(p.Id)), ("state", BroadcastStateNames.Name(dialogs.Current, language, p)), ("sent", Number(p.Sent)), ("failed", Number(p.Failed)), ("total", Number(p.Total)),
            ("duration", Duration(Elapsed(p)))));
        var reasons = broadcasts.FailureReasons(p.Id);
        if (reasons.Count > 0)
        {
            sb.Append("\n\n").Append(Say(language, TextKey.AdminBroadcastReasons));
            foreach (var (reason, count) in reasons)
            {
                sb.Append("\n• ").Append(Reason(reason, language)).Append(": ").Append(Number(count));
            }
        }
        return sb.ToString();
    }

    private string Reason(string reason, Language language) => reason switch
    {
        "blocked by the user" => Say(language, TextKey.BroadcastReasonBlocked),
        "unsubscribed" => Say(language, TextKey.BroadcastReasonUnsubscribed),
        WhatsApp.WhatsAppSender.OutsideWindow => Say(language, TextKey.BroadcastReasonOutsideWindow),
        _ => reason,
    };

    private TimeSpan Elapsed(Broadcasts.Progress p)
    {
        var elapsed = time.GetUtcNow() - p.StartedAt;
        return elapsed > TimeSpan.Zero ? elapsed : TimeSpan.Zero;
    }

    /// <summary>"0:42", "12:05", "1:02:03": readable in both languages.</summary>
    private static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    private string Say(Language language, string key, params (string, string)[] values) => dialogs.Current.Texts.Get(language, key, values);

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Broadcasts: delivery report of broadcast {Id} sent to its admin")]
    private partial void LogReported(long id);
}
