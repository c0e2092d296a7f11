namespace NetralBot.Core.Reminders;

/// <summary>
/// Indonesia's three zones, which have no daylight saving: fixed offsets, so schedules do not depend on the
/// machine's time-zone database.
/// </summary>
public static class IndonesianTimeZones
{
    public const string Default = "Asia/Jakarta";

    private static readonly Dictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal)
    {
        ["Asia/Jakarta"] = TimeZoneInfo.CreateCustomTimeZone("Asia/Jakarta", TimeSpan.FromHours(7), "WIB", "WIB"),
        ["Asia/Makassar"] = TimeZoneInfo.CreateCustomTimeZone("Asia/Makassar", TimeSpan.FromHours(8), "WITA", "WITA"),
        ["Asia/Jayapura"] = TimeZoneInfo.CreateCustomTimeZone("Asia/Jayapura", TimeSpan.FromHours(9), "WIT", "WIT"),
    };

    public static IReadOnlyCollection<string> Names => Zones.Keys;

    /// <summary>Western Indonesia Time (UTC+7), the default zone.</summary>
    public static TimeZoneInfo Wib => Zones[Default];

    /// <summary>A zone named as configured: WIB/WITA/WIT or Asia/Jakarta, Asia/Makassar, Asia/Jayapura; null otherwise.</summary>
    public static TimeZoneInfo? Parse(string? name) => name is null ? null : Find(name) ?? FromWord(name);

    public static TimeZoneInfo? Find(string name) => Zones.GetValueOrDefault(name);

    /// <summary>The zone an admin names as people say it: WIB, WITA or WIT (any case); null for anything else.</summary>
    public static TimeZoneInfo? FromWord(string word) =>
        Zones.Values.FirstOrDefault(z => string.Equals(z.StandardName, word, StringComparison.OrdinalIgnoreCase));
}
