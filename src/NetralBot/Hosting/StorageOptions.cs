using System.ComponentModel.DataAnnotations;

namespace NetralBot.Hosting;

/// <summary>Where the bot keeps its data.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A SQLite connection string; the file and its folder are created on first run.</summary>
    [Required(ErrorMessage = "Storage:ConnectionString is required (e.g. \"Data Source=data/netralbot.db\").")]
    public string ConnectionString { get; set; } = "Data Source=data/netralbot.db";
}
