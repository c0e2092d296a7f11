using System.Globalization;
using System.Text.RegularExpressions;

namespace NetralBot.Core.Tips;

/// <summary>
/// Reads a date out of how people say when something happened ("kemarin", "tadi pagi", "3 hari lalu", "12/11",
/// "12 November", "2026-11-12"), relative to today. Returns null when it cannot; the text is kept as typed anyway.
/// </summary>
public static partial class WhenParser
{
    private static readonly string[] Months =
        ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember"];

    private static readonly string[] ShortMonths =
        ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"];

    public static DateOnly? Parse(string text, DateOnly today)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.Contains("kemarin lusa", StringComparison.Ordinal) || t.Contains("2 hari lalu", StringComparison.Ordinal))
        {
            return today.AddDays(-2);
        }
        if (t.Contains("kemarin", StringComparison.Ordinal) || t.Contains("kmrn", StringComparison.Ordinal) || t.Contains("kemaren", StringComparison.Ordinal) || t.Contains("yesterday", StringComparison.Ordinal))
        {
            return today.AddDays(-1);
        }
        if (t.Contains("hari ini", StringComparison.Ordinal) || t.Contains("tadi", StringComparison.Ordinal) || t.Contains("barusan", StringComparison.Ordinal) || t.Contains("today", StringComparison.Ordinal))
        {
            return today;
        }
        if (DaysAgo().Match(t) is { Success: true } ago)
        {
            var days = int.Parse(ago.Groups[1].Value, CultureInfo.InvariantCulture);
            return ago.Groups[2].Value.StartsWith("minggu", StringComparison.Ordinal) ? today.AddDays(-7 * days) : today.AddDays(-days);
        }
        if (IsoDate().Match(t) is { Success: true } iso)
        {
            return Make(int.Parse(iso.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(iso.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(iso.Groups[3].Value, CultureInfo.InvariantCulture));
        }
        if (DayMonthYear().Match(t) is { Success: true } dmy)
        {
            var year = dmy.Groups[3].Success ? ExpandYear(int.Parse(dmy.Groups[3].Value, CultureInfo.InvariantCulture)) : today.Year;
            return PastOrThisYear(Make(year, int.Parse(dmy.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(dmy.Groups[1].Value, CultureInfo.InvariantCulture)), today, dmy.Groups[3].Success);
        }
        if (DayMonthName().Match(t) is { Success: true } named)
        {
            var month = MonthNumber(named.Groups[2].Value);
            if (month > 0)
            {
                var year = named.Groups[3].Success ? int.Parse(named.Groups[3].Value, CultureInfo.InvariantCulture) : today.Year;
                return PastOrThisYear(Make(year, month, int.Parse(named.Groups[1].Value, CultureInfo.InvariantCulture)), today, named.Groups[3].Success);
            }
        }
        return null;
    }

    /// <summary>"12/11" typed in January means last November, not next.</summary>
    private static DateOnly? PastOrThisYear(DateOnly? date, DateOnly today, bool yearGiven) =>
        date is { } d && !yearGiven && d > today ? d.AddYears(-1) : date;

    private static int ExpandYear(int year) => year < 100 ? 2000 + year : year;

    private static int MonthNumber(string name)
    {
        var index = Array.IndexOf(Months, name);
        if (index < 0)
        {
            index = Array.FindIndex(ShortMonths, m => name.StartsWith(m, StringComparison.Ordinal));
        }
        return index + 1;
    }

    private static DateOnly? Make(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && year is >= 2000 and <= 2100 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    [GeneratedRegex(@"\b(\d{1,2})\s*(hari|hr|minggu)\s*(yang\s*)?(lalu|yg lalu|kemarin)")]
    private static partial Regex DaysAgo();

    [GeneratedRegex(@"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?\b")]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"\b(\d{1,2})\s+([a-z]+)(?:\s+(\d{4}))?\b")]
    private static partial Regex DayMonthName();
}
