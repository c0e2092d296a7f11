using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace NetralBot.Storage;

/// <summary>
/// Applies the embedded Schema/NNN_name.sql scripts in order, each in its own transaction, and records the
/// applied versions in schema_migrations.
/// </summary>
public static partial class Migrator
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at INTEGER NOT NULL
        );
        """;

    private const string SelectApplied = "SELECT version FROM schema_migrations";

    private const string InsertApplied = """
        INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)
        """;

    /// <summary>The scripts shipped in this assembly, ordered by version.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    /// <summary>Applies what is missing; returns the database's version afterwards.</summary>
    public static int Apply(SqliteConnection connection, TimeProvider time)
    {
        connection.Execute(CreateVersionTable);
        var applied = connection.Query<int>(SelectApplied).ToHashSet();
        foreach (var (version, name, sql) in Scripts.Where(s => !applied.Contains(s.Version)))
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute(sql, transaction: transaction);
            connection.Execute(InsertApplied, new { Version = version, Name = name, AppliedAt = UnixTime.ToMs(time.GetUtcNow()) }, transaction);
            transaction.Commit();
        }
        return Scripts.Count == 0 ? 0 : Math.Max(applied.DefaultIfEmpty(0).Max(), Scripts[^1].Version);
    }

    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = typeof(Migrator).Assembly;
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success)
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add((int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd()));
        }
        return [.. scripts.OrderBy(s => s.Item1)];
    }

    [GeneratedRegex(@"Schema\.(\d{3})_([a-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}
