using System.ComponentModel.DataAnnotations;

namespace NetralBot.Broadcasting;

/// <summary>Scheduled reminders (dialogs/reminders.yaml).</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>A reminder missed while the bot was down is still sent if at most this many minutes late.</summary>
    [Range(0, 10080, ErrorMessage = "Reminders:GraceMinutes must be between 0 and 10080 (a week).")]
    public int GraceMinutes { get; set; } = 60;
}
