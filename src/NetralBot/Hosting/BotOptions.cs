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
}
