using System.Data.Common;

namespace NetralBot.Storage;

/// <summary>An open connection with its transaction, so several stores can write one step atomically.</summary>
public sealed record StoreTransaction(DbConnection Connection, DbTransaction Transaction);
