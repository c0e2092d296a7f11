using System.ComponentModel.DataAnnotations;
using NetralBot.Storage;

namespace NetralBot.Hosting;

/// <summary>Where the bot keeps its data.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// "sqlite" (the default: one file, one process) or "postgres" (a PostgreSQL server, which several workers can share).
    /// </summary>
    [Required]
    [AllowedValues("sqlite", "postgres", ErrorMessage = "Storage:Provider must be \"sqlite\" or \"postgres\".")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// SQLite: "Data Source=path" (the file and its folder are created on first run). PostgreSQL, in Npgsql's form:
    /// "Host=db;Database=netralbot;Username=netralbot;Password=…".
    /// </summary>
    [Required(ErrorMessage = "Storage:ConnectionString is required (e.g. \"Data Source=data/netralbot.db\", or for PostgreSQL \"Host=db;Database=netralbot;Username=netralbot;Password=…\").")]
    public string ConnectionString { get; set; } = "Data Source=data/netralbot.db";

    /// <summary>The configured database (not yet opened).</summary>
    public Database CreateDatabase()
    {
        var provider = Provider switch
        {
            "sqlite" => StorageProvider.Sqlite,
            "postgres" => StorageProvider.Postgres,
            _ => throw new StartupRefusedException($"Storage:Provider is \"{Provider}\"; it must be \"sqlite\" or \"postgres\"."),
        };
        try
        {
            return Database.Create(provider, ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new StartupRefusedException(ex.Message.Split(" (Parameter", 2)[0], ex);
        }
    }
}
