using System.Globalization;
using System.Text.RegularExpressions;

namespace NetralBot.Core.Reminders;

/// <summary>
/// The one-off time an admin types for a scheduled broadcast, read in the zone named after it (WIB when none):
/// "2026-12-01 07:00", "1/12/2026 07.00", "besok 07:00", "hari ini 16:30" ("tomorrow", "today"), e.g.
/// "besok 07:00 WITA". What follows is returned as the rest (the message).
/// </summary>
public static partial class SendTime
{
    /// <summary>True when <paramref name="text"/> starts with a date and time; <paramref name="at"/> is then that moment.</summary>
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset at, out TimeZoneInfo zone, out string rest)
    {
        at = default;
        rest = "";
        zone = IndonesianTimeZones.Find(IndonesianTimeZones.Default)!;
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }
        if (match.Groups["zone"].Success)
        {
            zone = IndonesianTimeZones.FromWord(match.Groups["zone"].Value)!;
        }
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var dateWord = match.Groups["date"].Value.ToLowerInvariant();
        DateTime date;
        if (dateWord is "besok" or "tomorrow")
        {
            date = today.AddDays(1);
        }
        else if (dateWord.StartsWith("hari", StringComparison.Ordinal) || dateWord == "today")
        {
            date = today;
        }
        else if (!DateTime.TryParseExact(dateWord, ["yyyy-M-d", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return false;
        }
        var hour = int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture);
        if (hour > 23 || minute > 59)
        {
            return false;
        }
        at = new DateTimeOffset(date.AddHours(hour).AddMinutes(minute), zone.BaseUtcOffset);
        rest = match.Groups["rest"].Value.Trim();
        return true;
    }

    [GeneratedRegex(@"^(?<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4}|besok|hari\s+ini|tomorrow|today)\s+(?<hour>\d{1,2})[:.](?<minute>\d{2})(?:\s+(?<zone>WIB|WITA|WIT)(?=\s|$))?(?:\s+(?<rest>.*))?$",
        RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
