using System.Data.Common;
using Npgsql;

namespace NetralBot.Storage;

/// <summary>
/// PostgreSQL: pooled Npgsql connections; the schema is migrated under an advisory lock, so workers starting together
/// migrate once. The bot's role needs no superuser rights: it owns its database.
/// </summary>
public sealed partial class Database
{
    private static Database ForPostgres(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException("Storage:ConnectionString is not a PostgreSQL connection string (e.g. \"Host=db;Database=netralbot;Username=netralbot;Password=…\"): " + ex.Message, nameof(connectionString), ex);
        }
        if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new ArgumentException("The PostgreSQL connection string (Storage:ConnectionString) needs Host and Database (e.g. \"Host=db;Database=netralbot;Username=netralbot;Password=…\").", nameof(connectionString));
        }
        return new Database(StorageProvider.Postgres, builder.ConnectionString, null);
    }

    // Typed DbConnection, not NpgsqlConnection: the methods that call it for either provider (Open, TakeWriter) then
    // do not load Npgsql's assembly on SQLite.
    private DbConnection OpenPostgres()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    private int InitializePostgres(TimeProvider time)
    {
        try
        {
            using var connection = OpenPostgres();
            return Migrator.Apply(connection, StorageProvider.Postgres, time);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw DatabaseUnusableException.FromPostgres(DescribePostgres(), ex);
        }
    }

    private string DescribePostgres()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port} (user {builder.Username})";
    }
}
