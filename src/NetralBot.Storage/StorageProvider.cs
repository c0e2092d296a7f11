namespace NetralBot.Storage;

/// <summary>Which database engine holds the bot's data (Storage:Provider).</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file, one process: one Pemda.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, which several workers can share.</summary>
    Postgres,
}
