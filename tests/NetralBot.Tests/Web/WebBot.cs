using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using NetralBot.Storage;
using NetralBot.Storage.Tests;
using NetralBot.Tests.Telegram;

namespace NetralBot.Tests.Web;

/// <summary>
/// The bot serving HTTP on loopback exactly as `netralbot run` with Http:Urls does (same host builder, same endpoints,
/// real SQLite file and key file in a temporary folder), with every log line captured at Trace. "Restart" builds a
/// new one on the same folder. On PostgreSQL it gets a database of its own on the test cluster (every statement logged)
/// and a key file made as an operator would; <see cref="AnotherWorkerAsync"/> starts a second worker on that database.
/// </summary>
public sealed class WebBot : IAsyncDisposable
{
    private IHost? _host;

    public WebBot(string? folder = null, IDictionary<string, string?>? settings = null, string? baseUrl = null, StorageProvider provider = StorageProvider.Sqlite)
    {
        BaseUrl = baseUrl ?? $"http://127.0.0.1:{TelegramEmulator.FreePort()}";
        Folder = folder ?? Path.Combine(Path.GetTempPath(), "netralbot-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={DatabaseFile}",
            ["Security:KeyFile"] = Path.Combine(Folder, "bot.key"),
            ["Tips:EvidenceFolder"] = Path.Combine(Folder, "evidence"),
            ["Bot:HumanContact"] = "Helpdesk BKPSDM 0800-TEST",
            ["Http:Urls"] = BaseUrl,
        };
        if (provider == StorageProvider.Postgres)
        {
            (PostgresDatabase, var connectionString) = PostgresCluster.Shared.CreateDatabase(logStatements: true);
            MasterSecret.CreateFile(Path.Combine(Folder, "bot.key")); // `netralbot keys create`: workers share it
            Settings["Storage:Provider"] = "postgres";
            Settings["Storage:ConnectionString"] = connectionString;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }
    }

    /// <summary>The bot's database on the test PostgreSQL cluster, dropped when this bot is disposed; null on SQLite.</summary>
    public string? PostgresDatabase { get; private set; }

    public string Folder { get; }

    public string BaseUrl { get; }

    public Dictionary<string, string?> Settings { get; }

    public string DatabaseFile => Path.Combine(Folder, "bot.db");

    public FakeLogCollector Logs { get; } = new();

    public T Get<T>() where T : notnull => _host!.Services.GetRequiredService<T>();

    public async Task<WebBot> StartAsync()
    {
        var builder = BotHost.CreateWebBuilder(Settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(new FakeLoggerProvider(Logs));
        builder.Services.AddBot(CliRunner.RepositoryDialogs, DialogFolder.Load(CliRunner.RepositoryDialogs));
        _host = BotHost.Build(builder);
        await _host.StartAsync();
        return this;
    }

    /// <summary>A new bot on the same folder (database, key) and the same address.</summary>
    public async Task<WebBot> RestartAsync()
    {
        await StopAsync();
        var next = new WebBot(Folder, Settings, BaseUrl) { PostgresDatabase = PostgresDatabase };
        PostgresDatabase = null; // the new one drops it
        return await next.StartAsync();
    }

    /// <summary>A second worker on the same database and key file, on its own address (behind the same load balancer).</summary>
    public async Task<WebBot> AnotherWorkerAsync() =>
        await new WebBot(Folder, Settings.Where(s => s.Key != "Http:Urls").ToDictionary(s => s.Key, s => s.Value)).StartAsync();

    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10));
            _host.Dispose();
            _host = null;
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Everything the database holds: SQLite's main file and WAL as text; PostgreSQL's pg_dump output and server log.</summary>
    public string DatabaseBytesAsText() => PostgresDatabase is null
        ? TestBot.DatabaseBytesAsText(DatabaseFile)
        : PostgresCluster.Shared.Dump(PostgresDatabase) + "\n" + PostgresCluster.Shared.ServerLog(PostgresDatabase);

    public string AllLogText() => string.Join("\n", Logs.GetSnapshot().Select(r => r.Category + " " + r.Message + " " + r.Exception));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (PostgresDatabase is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            PostgresCluster.Shared.DropDatabase(PostgresDatabase);
            PostgresDatabase = null;
        }
    }
}
