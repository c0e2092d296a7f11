using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Core.Conversations;
using NetralBot.Hosting;
using NetralBot.Statistics;
using NetralBot.Storage;

namespace NetralBot.Admin;

/// <summary>
/// Admins:WeeklyDigest (off by default): every Monday 07:00 local time each admin gets the past week's statistics
/// picture (Monday to Sunday) and the questions the bot could not answer, so the editors know what to add to
/// dialogs/. The last week sent is remembered, so a restart on Monday morning sends nothing twice.
/// </summary>
public sealed partial class WeeklyDigest(
    StatisticsReports reports,
    ChannelOffsets marks,
    AdminInbox inbox,
    IOptionsMonitor<AdminOptions> admins,
    IOptions<BotOptions> bot,
    TimeProvider time,
    NetralBot.Hosting.Leadership leadership,
    ILogger<WeeklyDigest> logger) : BackgroundService
{
    /// <summary>The mark's name among the saved positions: the day number of the last Monday a digest went out for.</summary>
    public const string Mark = "weekly-digest";

    private const int UnansweredShown = 15;
    private static readonly CronExpression Monday0700 = CronExpression.Parse("0 7 * * 1");

    /// <summary>Once across workers: the worker leading "weekly-digest" runs it (<see cref="Hosting.Leadership"/>).</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leadership.RunAsync("weekly-digest", LeadAsync, stoppingToken);

    private async Task LeadAsync(CancellationToken stoppingToken)
    {
        if (!admins.CurrentValue.WeeklyDigest)
        {
            return;
        }
        var zone = bot.Value.Zone;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var due = Monday0700.GetNextOccurrence(now, zone);
            if (due is null)
            {
                return;
            }
            await Task.Delay(due.Value - now, time, stoppingToken).ConfigureAwait(false);
            if (!admins.CurrentValue.WeeklyDigest)
            {
                continue; // switched off while waiting (options reload)
            }
            try
            {
                var monday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(due.Value, zone).DateTime);
                await SendAsync(monday, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex); // tried again next Monday
            }
        }
    }

    /// <summary>Sends the week before <paramref name="monday"/> to every admin, once per Monday.</summary>
    public async Task SendAsync(DateOnly monday, CancellationToken cancellationToken)
    {
        if (marks.Load(Mark) == monday.DayNumber)
        {
            return;
        }
        var report = reports.Build(monday.AddDays(-7), monday.AddDays(-1), reports.DefaultLanguage);
        var title = report.Title;
        var reply = new Reply(
            reports.Say(reports.DefaultLanguage, Core.Knowledge.TextKey.StatsDigestTitle) + "\n" + report.Text(UnansweredShown),
            [], Image: StatisticsPicture.Draw(report));
        await inbox.SendAsync(reply, new HashSet<string>(), cancellationToken).ConfigureAwait(false);
        marks.Save(Mark, monday.DayNumber);
        LogSent(title);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the weekly digest ({Title}) to the admins")]
    private partial void LogSent(string title);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending the weekly digest failed; trying again next Monday")]
    private partial void LogFailed(Exception exception);
}
