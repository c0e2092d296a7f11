using System.Globalization;
using System.Text.RegularExpressions;

namespace NetralBot.Core.Tips;

/// <summary>
/// Reads a date out of how people say when something happened ("kemarin", "tadi pagi", "senin kemarin", "semalam",
/// "3 hari lalu", "12/11", "12 November", "2026-11-12"), relative to today in the deployment's zone.
/// Returns null when the text names a period rather than a day ("minggu lalu", "bulan lalu", "beberapa hari lalu"),
/// names two different days, or cannot be read: the report dialog then asks for the date with buttons.
/// "semalam"/"tadi malam" is last night, taken as yesterday's date (the evening before today).
/// </summary>
public static partial class WhenParser
{
    private static readonly string[] Months =
        ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember"];

    private static readonly string[] ShortMonths =
        ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"];

    private static readonly string[] NumberWords =
        ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh"];

    /// <summary>Words that name a stretch of time, not a day: a date read from them would be a guess.</summary>
    private static readonly HashSet<string> PeriodWords = new(StringComparer.Ordinal)
        { "minggu", "pekan", "seminggu", "sepekan", "bulan", "sebulan", "tahun", "beberapa", "bbrp", "week", "month", "year", "few", "several" };

    public static DateOnly? Parse(string text, DateOnly today)
    {
        var t = Clean(text);
        var words = Word().Matches(t).Select(m => m.Value).ToList();
        var days = WeekdayWords.Named(words);
        if (days.Count > 1)
        {
            return null;
        }
        DayOfWeek? day = days.Count == 1 ? days[0] : null;

        if ((ExplicitDate(t, today) ?? DaysAgo(t, today)) is { } date)
        {
            // "senin 23/11": the day name must agree with the date, or neither is trusted.
            return day is null || date.DayOfWeek == day ? date : null;
        }
        if (day is { } named)
        {
            return WeekdayWords.Resolve(named, words, today);
        }
        if (words.Any(PeriodWords.Contains))
        {
            return null;
        }
        var padded = " " + string.Join(' ', words) + " ";
        if (Has(padded, "kemarin lusa", "day before yesterday"))
        {
            return today.AddDays(-2);
        }
        if (Has(padded, "kemarin", "kemaren", "kmrn", "kmarin", "kmaren", "wingi", "kamari", "yesterday", "semalam", "semalem", "tadi malam", "tadi malem", "malam tadi", "last night"))
        {
            return today.AddDays(-1);
        }
        if (Has(padded, "hari ini", "tadi", "barusan", "td pagi", "pagi ini", "siang ini", "sore ini", "today", "this morning", "this afternoon"))
        {
            return today;
        }
        return null;
    }

    private static bool Has(string padded, params string[] phrases) =>
        phrases.Any(p => padded.Contains(" " + p + " ", StringComparison.Ordinal));

    /// <summary>Lower case, "jum'at" as "jumat", "senén" as "senen", and clock times removed ("jam 09.11" is not 9 November).</summary>
    private static string Clean(string text)
    {
        var t = text.Trim().ToLowerInvariant()
            .Replace("'", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal)
            .Replace('é', 'e').Replace('è', 'e').Replace('ê', 'e');
        return ClockTime().Replace(t, " ");
    }

    private static DateOnly? ExplicitDate(string t, DateOnly today)
    {
        if (IsoDate().Match(t) is { Success: true } iso)
        {
            return Make(Number(iso.Groups[1]), Number(iso.Groups[2]), Number(iso.Groups[3]));
        }
        if (DayMonthYear().Match(t) is { Success: true } dmy)
        {
            var year = dmy.Groups[3].Success ? ExpandYear(Number(dmy.Groups[3])) : today.Year;
            return PastOrThisYear(Make(year, Number(dmy.Groups[2]), Number(dmy.Groups[1])), today, dmy.Groups[3].Success);
        }
        foreach (Match named in DayMonthName().Matches(t))
        {
            var month = MonthNumber(named.Groups[2].Value);
            if (month > 0)
            {
                var year = named.Groups[3].Success ? Number(named.Groups[3]) : today.Year;
                return PastOrThisYear(Make(year, month, Number(named.Groups[1])), today, named.Groups[3].Success);
            }
        }
        if (DayOnly().Match(t) is { Success: true } dayOnly)
        {
            // "tgl 28" typed on the 3rd means the 28th of last month.
            var date = Make(today.Year, today.Month, Number(dayOnly.Groups[1]));
            return date is { } d && d > today ? Make(today.AddMonths(-1).Year, today.AddMonths(-1).Month, d.Day) : date;
        }
        return null;
    }

    /// <summary>"3 hari lalu", "dua hari yang lalu", "2 minggu lalu", "3 days ago": a count is taken literally.</summary>
    private static DateOnly? DaysAgo(string t, DateOnly today)
    {
        var match = DaysAgoIndonesian().Match(t);
        if (!match.Success)
        {
            match = DaysAgoEnglish().Match(t);
        }
        if (!match.Success)
        {
            return null;
        }
        var count = Array.IndexOf(NumberWords, match.Groups[1].Value) is var index and >= 0 ? index : Number(match.Groups[1]);
        var unit = match.Groups[2].Value;
        return today.AddDays(-(unit.StartsWith("minggu", StringComparison.Ordinal) || unit.StartsWith("pekan", StringComparison.Ordinal) || unit.StartsWith("week", StringComparison.Ordinal) ? 7 * count : count));
    }

    /// <summary>"12/11" typed in January means last November, not next.</summary>
    private static DateOnly? PastOrThisYear(DateOnly? date, DateOnly today, bool yearGiven) =>
        date is { } d && !yearGiven && d > today ? d.AddYears(-1) : date;

    private static int ExpandYear(int year) => year < 100 ? 2000 + year : year;

    private static int Number(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    /// <summary>A month's full name, its short name, or something between ("sept", "agust"); not "desa".</summary>
    private static int MonthNumber(string name)
    {
        var index = Array.IndexOf(Months, name);
        if (index < 0)
        {
            index = Array.FindIndex(ShortMonths, m => name.StartsWith(m, StringComparison.Ordinal));
            if (index >= 0 && !Months[index].StartsWith(name, StringComparison.Ordinal))
            {
                index = -1;
            }
        }
        return index + 1;
    }

    private static DateOnly? Make(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && year is >= 2000 and <= 2100 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b(?:jam|jm|pukul|pkl)\.?\s*\d{1,2}(?:[.:]\d{2})?\b|\b\d{1,2}:\d{2}\b")]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"\b(\d{1,2}|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)\s*(hari|hr|minggu|pekan)\s*(?:yang\s*|yg\s*)?(?:lalu|kemarin|kemaren|kmrn)")]
    private static partial Regex DaysAgoIndonesian();

    [GeneratedRegex(@"\b(\d{1,2})\s*(days?|weeks?)\s+ago\b")]
    private static partial Regex DaysAgoEnglish();

    [GeneratedRegex(@"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?\b")]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"\b(\d{1,2})\s+([a-z]+)(?:\s+(\d{4}))?\b")]
    private static partial Regex DayMonthName();

    [GeneratedRegex(@"\b(?:tgl|tanggal)\.?\s*(\d{1,2})\b")]
    private static partial Regex DayOnly();
}
