using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace NetralBot.Storage;

/// <summary>
/// Applies the embedded Schema/&lt;provider&gt;/NNN_name.sql scripts in order, each in its own transaction, and records the
/// applied versions in schema_migrations. Both providers' folders carry the same numbers. On PostgreSQL the whole run
/// holds an advisory lock, so workers starting together migrate once; on SQLite each script's transaction
/// (BEGIN IMMEDIATE) checks again that nobody applied it meanwhile.
/// </summary>
public static partial class Migrator
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at BIGINT  NOT NULL
        );
        """;

    private const string SelectApplied = "SELECT version FROM schema_migrations";

    private const string IsApplied = "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version";

    private const string InsertApplied = """
        INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)
        """;

    // One key for "NetralBot migrates": any 64-bit number no other application on the server uses.
    private const long MigrationLockKey = 0x4E65_7472_616C_4D31;

    private const string Lock = "SELECT pg_advisory_lock(@Key)";

    private const string Unlock = "SELECT pg_advisory_unlock(@Key)";

    private static readonly Dictionary<StorageProvider, IReadOnlyList<(int Version, string Name, string Sql)>> ByProvider = LoadScripts();

    /// <summary>The scripts shipped in this assembly for a provider, ordered by version.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts(StorageProvider provider) => ByProvider.GetValueOrDefault(provider) ?? [];

    /// <summary>Embedded .sql files outside a provider's folder (a script that would never run), for the tests to refuse.</summary>
    public static IReadOnlyList<string> Strays { get; } = [.. typeof(Migrator).Assembly.GetManifestResourceNames()
        .Where(r => r.EndsWith(".sql", StringComparison.Ordinal) && !ScriptName().IsMatch(r))];

    /// <summary>Applies what is missing; returns the database's version afterwards.</summary>
    public static int Apply(DbConnection connection, StorageProvider provider, TimeProvider time)
    {
        var postgres = provider == StorageProvider.Postgres;
        if (postgres)
        {
            connection.Execute(Lock, new { Key = MigrationLockKey });
        }
        try
        {
            connection.Execute(CreateVersionTable);
            var applied = connection.Query<int>(SelectApplied).ToHashSet();
            var scripts = Scripts(provider);
            foreach (var (version, name, sql) in scripts.Where(s => !applied.Contains(s.Version)))
            {
                using var transaction = connection.BeginTransaction();
                if (connection.ExecuteScalar<long>(IsApplied, new { Version = version }, transaction) > 0)
                {
                    continue; // another process applied it meanwhile (SQLite; PostgreSQL holds the lock)
                }
                connection.Execute(sql, transaction: transaction);
                connection.Execute(InsertApplied, new { Version = version, Name = name, AppliedAt = UnixTime.ToMs(time.GetUtcNow()) }, transaction);
                transaction.Commit();
            }
            return scripts.Count == 0 ? 0 : Math.Max(applied.DefaultIfEmpty(0).Max(), scripts[^1].Version);
        }
        finally
        {
            if (postgres)
            {
                connection.Execute(Unlock, new { Key = MigrationLockKey });
            }
        }
    }

    private static Dictionary<StorageProvider, IReadOnlyList<(int, string, string)>> LoadScripts()
    {
        var assembly = typeof(Migrator).Assembly;
        var scripts = new List<(StorageProvider, int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success)
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var provider = match.Groups[1].Value == "postgres" ? StorageProvider.Postgres : StorageProvider.Sqlite;
            scripts.Add((provider, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[3].Value, reader.ReadToEnd()));
        }
        return scripts.GroupBy(s => s.Item1).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<(int, string, string)>)[.. g.Select(s => (s.Item2, s.Item3, s.Item4)).OrderBy(s => s.Item1)]);
    }

    [GeneratedRegex(@"Schema\.(sqlite|postgres)\.(\d{3})_([a-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}
