using System.Data.Common;

namespace NetralBot.Storage;

/// <summary>An open connection with its transaction, so several stores can write one step atomically.</summary>
public sealed record StoreTransaction(DbConnection Connection, DbTransaction Transaction)
{
    /// <summary>The statement for this connection's provider, of two written out beside each other in a store.</summary>
    public string Sql(string sqlite, string postgres) => Connection is Microsoft.Data.Sqlite.SqliteConnection ? sqlite : postgres;
}
