using Microsoft.Data.Sqlite;

namespace NetralBot.Storage;

/// <summary>An open connection with its transaction, so several stores can write one step atomically.</summary>
public sealed record StoreTransaction(SqliteConnection Connection, SqliteTransaction Transaction);
