using System.ComponentModel.DataAnnotations;

namespace NetralBot.Hosting;

/// <summary>Secrets the bot derives its keys from.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// The file holding the bot's 32-byte master secret (base64). Created with owner-only permissions on first run.
    /// Keep a backup: conversation keys (and later tip encryption) depend on it.
    /// </summary>
    [Required(ErrorMessage = "Security:KeyFile is required (e.g. \"data/netralbot.key\").")]
    public string KeyFile { get; set; } = "data/netralbot.key";
}
