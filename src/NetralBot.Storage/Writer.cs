using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace NetralBot.Storage;

/// <summary>
/// The database's writer, taken for one write transaction (<see cref="Database.TakeWriter"/>): on SQLite one long-lived
/// connection taken in turn, on PostgreSQL a pooled connection. Disposing it rolls back what was not committed and gives
/// it back.
/// </summary>
public sealed class Writer : IDisposable
{
    private readonly Action? _giveBack;
    private DbTransaction? _transaction;

    /// <param name="giveBack">Returns a shared writer; null: the writer owns its connection and closes it when disposed.</param>
    internal Writer(DbConnection connection, Action? giveBack)
    {
        Connection = connection;
        Statements = new Statements(connection);
        _giveBack = giveBack;
    }

    public DbConnection Connection { get; }

    /// <summary>This connection's kept commands (prepared once on SQLite's long-lived writer).</summary>
    public Statements Statements { get; }

    public DbTransaction Transaction => _transaction ?? throw new InvalidOperationException("Begin the transaction first.");

    /// <summary>The transaction for the stores a step writes through.</summary>
    public StoreTransaction Work => new(Connection, Transaction);

    /// <summary>
    /// Begins the transaction (SQLite: BEGIN IMMEDIATE). <paramref name="durable"/>: its commit is on disk before it
    /// returns (SQLite: synchronous=FULL, chosen before BEGIN since SQLite refuses to change it inside a transaction;
    /// PostgreSQL's commits are durable anyway).
    /// </summary>
    public void Begin(bool durable)
    {
        if (Connection is SqliteConnection sqlite)
        {
            Database.SetSynchronous(sqlite, durable);
        }
        _transaction = Connection.BeginTransaction();
    }

    /// <summary>Rolls back the transaction (nothing written yet) and begins a new one at <paramref name="durable"/>'s level.</summary>
    public void BeginAgain(bool durable)
    {
        Transaction.Rollback();
        _transaction!.Dispose();
        _transaction = null;
        Begin(durable);
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        _transaction = null;
        if (_giveBack is null)
        {
            Close();
        }
        else
        {
            _giveBack();
        }
    }

    internal void Close()
    {
        Statements.Dispose();
        Connection.Dispose();
    }
}
