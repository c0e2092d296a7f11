namespace NetralBot.Core.Tips;

/// <summary>
/// Day names as people write them (Indonesian, common Javanese/Sundanese forms, English) and the past date they
/// point to. "minggu" is Sunday only where it cannot mean "week": "hari minggu", "minggu pagi", "minggu" alone.
/// </summary>
internal static class WeekdayWords
{
    private static readonly Dictionary<string, DayOfWeek> Days = new(StringComparer.Ordinal)
    {
        ["senin"] = DayOfWeek.Monday, ["senen"] = DayOfWeek.Monday, ["monday"] = DayOfWeek.Monday,
        ["selasa"] = DayOfWeek.Tuesday, ["slasa"] = DayOfWeek.Tuesday, ["salasa"] = DayOfWeek.Tuesday, ["tuesday"] = DayOfWeek.Tuesday,
        ["rabu"] = DayOfWeek.Wednesday, ["rebo"] = DayOfWeek.Wednesday, ["wednesday"] = DayOfWeek.Wednesday,
        ["kamis"] = DayOfWeek.Thursday, ["kemis"] = DayOfWeek.Thursday, ["thursday"] = DayOfWeek.Thursday,
        ["jumat"] = DayOfWeek.Friday, ["jumaat"] = DayOfWeek.Friday, ["jumah"] = DayOfWeek.Friday, ["jumaah"] = DayOfWeek.Friday,
        ["jemuah"] = DayOfWeek.Friday, ["jemuwah"] = DayOfWeek.Friday, ["friday"] = DayOfWeek.Friday,
        ["sabtu"] = DayOfWeek.Saturday, ["setu"] = DayOfWeek.Saturday, ["saptu"] = DayOfWeek.Saturday, ["saturday"] = DayOfWeek.Saturday,
        ["minggu"] = DayOfWeek.Sunday, ["ahad"] = DayOfWeek.Sunday, ["akhad"] = DayOfWeek.Sunday, ["sunday"] = DayOfWeek.Sunday,
    };

    private static readonly HashSet<string> TimesOfDay = new(StringComparer.Ordinal) { "pagi", "siang", "sore", "malam", "subuh", "dini", "tadi" };

    /// <summary>Words before "minggu" that make it a week: "akhir minggu", "beberapa minggu", "2 minggu".</summary>
    private static readonly HashSet<string> WeekQuantities = new(StringComparer.Ordinal)
        { "akhir", "awal", "tengah", "pertengahan", "beberapa", "bbrp", "satu", "dua", "tiga", "empat", "sepanjang", "tiap", "setiap" };

    /// <summary>Words that put the day strictly before today: "senin kemarin", "jumat lalu", "last friday".</summary>
    private static readonly HashSet<string> PastMarkers = new(StringComparer.Ordinal)
        { "kemarin", "kemaren", "kmrn", "kmarin", "kmaren", "kmren", "lalu", "wingi", "kamari", "last" };

    /// <summary>Words that allow the day to be today: "senin ini", "senin tadi pagi".</summary>
    private static readonly HashSet<string> ThisDayMarkers = new(StringComparer.Ordinal) { "ini", "tadi", "this", "today" };

    /// <summary>The distinct days named in the words; "malam jumat" is Thursday evening, as it is said.</summary>
    public static IReadOnlyList<DayOfWeek> Named(IReadOnlyList<string> words)
    {
        var found = new List<DayOfWeek>();
        for (var i = 0; i < words.Count; i++)
        {
            if (!Days.TryGetValue(words[i], out var day))
            {
                continue;
            }
            var previous = i > 0 ? words[i - 1] : null;
            var next = i + 1 < words.Count ? words[i + 1] : null;
            if (words[i] == "minggu" && !IsSunday(previous, next))
            {
                continue;
            }
            if (previous == "malam")
            {
                day = (DayOfWeek)(((int)day + 6) % 7);
            }
            if (!found.Contains(day))
            {
                found.Add(day);
            }
        }
        return found;
    }

    /// <summary>
    /// The most recent such day up to today. When today is that day: today with "ini"/"tadi", a week ago with
    /// "kemarin"/"lalu", and null for the bare name (today or a week ago: the dialog asks).
    /// </summary>
    public static DateOnly? Resolve(DayOfWeek day, IReadOnlyList<string> words, DateOnly today)
    {
        var back = ((int)today.DayOfWeek - (int)day + 7) % 7;
        if (back == 0)
        {
            if (words.Any(PastMarkers.Contains))
            {
                back = 7;
            }
            else if (!words.Any(ThisDayMarkers.Contains))
            {
                return null;
            }
        }
        return today.AddDays(-back);
    }

    private static bool IsSunday(string? previous, string? next)
    {
        if (previous is "hari" or "malam")
        {
            return true;
        }
        if (previous is not null && (WeekQuantities.Contains(previous) || char.IsAsciiDigit(previous[0])))
        {
            return false;
        }
        return next is null || TimesOfDay.Contains(next) || char.IsAsciiDigit(next[0]);
    }
}
