using Cronos;

namespace NetralBot.Core.Reminders;

/// <summary>A scheduled sosialisasi reminder from dialogs/reminders.yaml: when (cron, in a WIB/WITA/WIT zone) and what.</summary>
public sealed record Reminder(string Id, CronExpression Schedule, TimeZoneInfo TimeZone, string Text, string? TextEn)
{
    /// <summary>The times this reminder was due after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public IEnumerable<DateTimeOffset> DueBetween(DateTimeOffset from, DateTimeOffset to) =>
        Schedule.GetOccurrences(from.UtcDateTime, to.UtcDateTime, TimeZone, fromInclusive: false, toInclusive: true)
            .Select(d => new DateTimeOffset(d, TimeSpan.Zero));
}
