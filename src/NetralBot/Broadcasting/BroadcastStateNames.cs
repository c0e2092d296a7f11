using NetralBot.Core.Knowledge;
using NetralBot.Core.Reminders;
using NetralBot.Storage;

namespace NetralBot.Broadcasting;

/// <summary>A broadcast's state as admins read it ("terjadwal Senin 1 Des 2026 07:00 WIB", "sedang dikirim", "selesai"…).</summary>
public static class BroadcastStateNames
{
    public static string Name(DialogContent content, Language language, Broadcasts.Progress progress)
    {
        var name = content.Texts.Get(language, progress.State switch
        {
            "scheduled" => TextKey.BroadcastStateScheduled,
            "sending" => TextKey.BroadcastStateSending,
            "cancelled" => TextKey.BroadcastStateCancelled,
            "missed" => TextKey.BroadcastStateMissed,
            _ => TextKey.BroadcastStateDone,
        });
        return progress is { State: "scheduled", SendAt: { } at } ? name + " " + When(at, progress.SendZone, language) : name;
    }

    /// <summary>A scheduled time in the zone the admin gave (WIB when unknown).</summary>
    public static string When(DateTimeOffset at, string? zone, Language language) =>
        ScheduleWords.Occurrence(at, IndonesianTimeZones.Find(zone ?? IndonesianTimeZones.Default) ?? IndonesianTimeZones.Find(IndonesianTimeZones.Default)!, language);
}
