namespace NetralBot.Storage;

/// <summary>The configured key cannot decrypt this database's tips.</summary>
public sealed class WrongKeyException() : Exception(
    "The key file (Security:KeyFile) does not match this database: its tips cannot be decrypted. " +
    "Restore the key file that was used with this database, or point Storage:ConnectionString to a new database.");
