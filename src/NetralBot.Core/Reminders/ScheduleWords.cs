using System.Globalization;
using Cronos;
using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Reminders;

/// <summary>
/// A reminder's schedule in words for the admins ("setiap Senin pukul 07:00 WIB") and its occurrences as dates
/// ("Senin 30 Nov 2026 07:00 WIB"). Common shapes (daily, some weekdays, a day of the month, a date) are put in
/// words; anything else is shown as its cron.
/// </summary>
public static class ScheduleWords
{
    // InvariantGlobalization is on, so day and month names come from these small tables rather than from ICU.
    private static readonly string[] DaysId = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
    private static readonly string[] DaysEn = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] MonthsId = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
    private static readonly string[] MonthsEn = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The zone's short name: WIB, WITA or WIT.</summary>
    public static string ZoneName(TimeZoneInfo zone) => zone.StandardName;

    /// <summary>An occurrence in the reminder's zone, e.g. "Senin 30 Nov 2026 07:00 WIB".</summary>
    public static string Occurrence(DateTimeOffset at, TimeZoneInfo zone, Language language)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var day = (language == Language.English ? DaysEn : DaysId)[(int)local.DayOfWeek];
        var month = (language == Language.English ? MonthsEn : MonthsId)[local.Month - 1];
        return string.Create(CultureInfo.InvariantCulture, $"{day} {local.Day} {month} {local.Year} {local:HH:mm} {ZoneName(zone)}");
    }

    /// <summary>The next <paramref name="count"/> occurrences after <paramref name="after"/> (fewer if the schedule ends).</summary>
    public static IReadOnlyList<DateTimeOffset> Next(CronExpression schedule, TimeZoneInfo zone, DateTimeOffset after, int count)
    {
        var result = new List<DateTimeOffset>(count);
        var from = after.UtcDateTime;
        while (result.Count < count && schedule.GetNextOccurrence(from, zone) is { } next)
        {
            result.Add(new DateTimeOffset(next, TimeSpan.Zero));
            from = next;
        }
        return result;
    }

    /// <summary>The schedule in words in the admin's language.</summary>
    public static string Describe(CronExpression schedule, TimeZoneInfo zone, TextCatalog texts, Language language)
    {
        var cron = schedule.ToString();
        var fields = cron.Split(' ');
        var zoneName = ZoneName(zone);
        if (fields.Length != 5 || !Number(fields[0], 59, out var minute) || !Number(fields[1], 23, out var hour))
        {
            return texts.Get(language, TextKey.ReminderScheduleCron, ("cron", cron), ("zone", zoneName));
        }
        var time = ("time", string.Create(CultureInfo.InvariantCulture, $"{hour:00}:{minute:00}"));
        var zoneValue = ("zone", zoneName);
        var (dayOfMonth, month, dayOfWeek) = (fields[2], fields[3], fields[4]);
        if (dayOfMonth == "*" && month == "*" && dayOfWeek == "*")
        {
            return texts.Get(language, TextKey.ReminderScheduleDaily, time, zoneValue);
        }
        if (dayOfMonth == "*" && month == "*" && Days(dayOfWeek, language) is { } days)
        {
            return texts.Get(language, TextKey.ReminderScheduleWeekly, ("days", days), time, zoneValue);
        }
        if (Number(dayOfMonth, 31, out var day) && dayOfWeek == "*")
        {
            var dayText = ("day", day.ToString(CultureInfo.InvariantCulture));
            if (month == "*")
            {
                return texts.Get(language, TextKey.ReminderScheduleMonthly, dayText, time, zoneValue);
            }
            if (Number(month, 12, out var m) && m >= 1)
            {
                return texts.Get(language, TextKey.ReminderScheduleYearly, dayText, ("month", (language == Language.English ? MonthsEn : MonthsId)[m - 1]), time, zoneValue);
            }
        }
        return texts.Get(language, TextKey.ReminderScheduleCron, ("cron", cron), ("zone", zoneName));
    }

    /// <summary>A list of weekdays ("1,2,3,4,5") as names, runs of three or more as a range ("Senin–Jumat").</summary>
    private static string? Days(string field, Language language)
    {
        var names = language == Language.English ? DaysEn : DaysId;
        var numbers = new List<int>();
        foreach (var part in field.Split(','))
        {
            if (!Number(part, 7, out var n))
            {
                return null;
            }
            numbers.Add(n % 7);
        }
        numbers = numbers.Distinct().Order().ToList();
        var groups = new List<string>();
        for (var i = 0; i < numbers.Count;)
        {
            var end = i;
            while (end + 1 < numbers.Count && numbers[end + 1] == numbers[end] + 1)
            {
                end++;
            }
            if (end - i >= 2)
            {
                groups.Add(names[numbers[i]] + "–" + names[numbers[end]]);
            }
            else
            {
                groups.AddRange(numbers.GetRange(i, end - i + 1).Select(d => names[d]));
            }
            i = end + 1;
        }
        return string.Join(", ", groups);
    }

    private static bool Number(string field, int max, out int value) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= max;
}
