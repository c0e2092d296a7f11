using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Core.Reminders;
using NetralBot.Dialogs;
using NetralBot.Storage;

namespace NetralBot.Broadcasting;

/// <summary>
/// Turns due reminders into broadcasts: those in dialogs/reminders.yaml and those admins saved in chat (read from the
/// store each time); and starts the broadcasts admins scheduled for a moment (/siaranjadwal, CLI --at), or marks one
/// missed when the bot was down at its time for longer than the grace period. Every 30 s it looks at the occurrences since its last look (Cronos); at start-up it looks back
/// over the grace period, so a reminder missed while the bot was down is sent once, late. An admin reminder never
/// fires for a time before it was saved. Each occurrence is recorded with its broadcast in one transaction: never twice.
/// </summary>
public sealed partial class ReminderScheduler(
    DialogsProvider dialogs,
    ReminderRuns runs,
    AdminReminders adminReminders,
    Broadcasts broadcasts,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    NetralBot.Hosting.Leadership leadership,
    ILogger<ReminderScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);
    private DateTimeOffset? _lastLook;

    /// <summary>Once across workers: the worker leading "reminders" runs it (<see cref="Hosting.Leadership"/>).</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leadership.RunAsync("reminders", LeadAsync, stoppingToken);

    private async Task LeadAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                RunDue();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Reminders: the check failed; it runs again in 30 s");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Creates the broadcasts of reminders due since the last look and starts due scheduled ones; returns how many.</summary>
    public int RunDue()
    {
        var now = time.GetUtcNow();
        var grace = TimeSpan.FromMinutes(options.Value.GraceMinutes);
        var from = _lastLook ?? now - grace;
        var created = 0;
        foreach (var reminder in dialogs.Current.Reminders)
        {
            created += Queue(reminder, from, now, grace);
        }
        foreach (var saved in adminReminders.ListActive())
        {
            created += Queue(saved.ToReminder(), saved.SavedAt is { } savedAt && savedAt > from ? savedAt : from, now, grace);
        }
        foreach (var (id, started) in broadcasts.StartScheduled(grace))
        {
            if (started)
            {
                created++;
                LogScheduledStarted(id);
            }
            else
            {
                LogScheduledMissed(id, options.Value.GraceMinutes);
            }
        }
        _lastLook = now;
        return created;
    }

    private int Queue(Reminder reminder, DateTimeOffset from, DateTimeOffset now, TimeSpan grace)
    {
        var created = 0;
        foreach (var due in reminder.DueBetween(from, now).Where(d => now - d <= grace))
        {
            if (runs.SendOnce(reminder.Id, due, reminder.Text, reminder.TextEn))
            {
                created++;
                LogQueued(reminder.Id, due);
            }
        }
        return created;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Broadcasts: scheduled broadcast {Id} started")]
    private partial void LogScheduledStarted(long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcasts: scheduled broadcast {Id} was missed (more than {Minutes} min late); not sent")]
    private partial void LogScheduledMissed(long id, int minutes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders: '{Id}' due {Due:u} queued as a broadcast")]
    private partial void LogQueued(string id, DateTimeOffset due);
}
