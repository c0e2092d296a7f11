using System.ComponentModel.DataAnnotations;

namespace NetralBot.Hosting;

/// <summary>How the bot presents itself.</summary>
public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>Where a person can reach a human (shown when the bot cannot help).</summary>
    [Required(ErrorMessage = "Bot:HumanContact is required: where users can reach a person (e.g. the BKPSDM helpdesk).")]
    [MinLength(3)]
    public string HumanContact { get; set; } = "BKPSDM atau Inspektorat instansi Anda";

    /// <summary>The language of new conversations: id or en.</summary>
    [RegularExpression("^(id|en)$", ErrorMessage = "Bot:DefaultLanguage must be 'id' or 'en'.")]
    public string DefaultLanguage { get; set; } = "id";

    /// <summary>The deployment's zone for every time shown to people and for "kemarin": WIB, WITA or WIT.</summary>
    [RegularExpression("^(?i:WIB|WITA|WIT|Asia/Jakarta|Asia/Makassar|Asia/Jayapura)$", ErrorMessage = "Bot:TimeZone must be WIB, WITA or WIT.")]
    public string TimeZone { get; set; } = "WIB";

    public TimeZoneInfo Zone => Core.Reminders.IndonesianTimeZones.Parse(TimeZone) ?? Core.Reminders.IndonesianTimeZones.Wib;
}
