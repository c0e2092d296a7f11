using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NetralBot.Conversations;
using NetralBot.Core.Conversations;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using NetralBot.Storage;
using NetralBot.Storage.Tests;

namespace NetralBot.Tests;

/// <summary>
/// The bot wired exactly as the program wires it (same DI, real SQLite file, real key file) in a temporary folder,
/// with every log line captured. "Restart" builds a new one on the same folder. On PostgreSQL it gets a database of its
/// own on the test cluster (every statement logged, for the anonymity tests) and a key file made as an operator would.
/// </summary>
public sealed class TestBot : IDisposable
{
    private readonly IHost _host;

    private readonly string? _postgresDatabase;

    public TestBot(string? folder = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, StorageProvider provider = StorageProvider.Sqlite)
    {
        Folder = folder ?? Path.Combine(Path.GetTempPath(), "netralbot-bot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        var connectionString = $"Data Source={DatabaseFile}";
        if (provider == StorageProvider.Postgres)
        {
            (_postgresDatabase, connectionString) = PostgresCluster.Shared.CreateDatabase(logStatements: true);
            if (!File.Exists(Path.Combine(Folder, "bot.key")))
            {
                MasterSecret.CreateFile(Path.Combine(Folder, "bot.key")); // `netralbot keys create`: workers never make their own
            }
        }
        var overrides = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider == StorageProvider.Postgres ? "postgres" : "sqlite",
            ["Storage:ConnectionString"] = connectionString,
            ["Security:KeyFile"] = Path.Combine(Folder, "bot.key"),
            ["Tips:EvidenceFolder"] = Path.Combine(Folder, "evidence"),
            ["Bot:HumanContact"] = "Helpdesk BKPSDM 0800-TEST",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }
        var builder = BotHost.CreateBuilder(overrides);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(new FakeLoggerProvider(Logs));
        builder.Services.AddBot(CliRunner.RepositoryDialogs, DialogFolder.Load(CliRunner.RepositoryDialogs));
        services?.Invoke(builder.Services);
        _host = builder.Build();
        Conversations = _host.Services.GetRequiredService<ConversationService>();
    }

    public string Folder { get; }

    /// <summary>The bot's database on the test PostgreSQL cluster; null on SQLite.</summary>
    public string? PostgresDatabase => _postgresDatabase;

    public string DatabaseFile => Path.Combine(Folder, "bot.db");

    public FakeLogCollector Logs { get; } = new();

    public ConversationService Conversations { get; }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Starts the hosted services (broadcast sender, retention, hot reload); most tests only need the services.</summary>
    public Task StartAsync() => _host.StartAsync();

    public Task StopAsync() => _host.StopAsync(TimeSpan.FromSeconds(10));

    public async Task<StepOutcome> SendAsync(string chatId, string? text, string? payload = null, bool group = false, string? sender = null) =>
        await Conversations.HandleAsync(new InboundMessage("telegram", chatId, text, payload, IsGroupChat: group, SenderId: sender ?? chatId));

    /// <summary>/langganan, answering the kabupaten/kota and agency questions with the given choices (null: skip).</summary>
    public async Task<StepOutcome> SubscribeAsync(string chatId, int? regency = null, int? agency = null)
    {
        var ask = await SendAsync(chatId, "/langganan");
        var regencyChoice = ask.Replies[0].Buttons[regency ?? ^1].Payload;
        var askAgency = await SendAsync(chatId, null, regencyChoice);
        return await SendAsync(chatId, null, askAgency.Replies[0].Buttons[agency ?? ^1].Payload);
    }

    /// <summary>
    /// Everything the database holds, as text: SQLite's main file and WAL; PostgreSQL's pg_dump output and every line the
    /// server logged about this database (each statement with its parameters).
    /// </summary>
    public string DatabaseBytesAsText() => _postgresDatabase is null
        ? DatabaseBytesAsText(DatabaseFile)
        : PostgresCluster.Shared.Dump(_postgresDatabase) + "\n" + PostgresCluster.Shared.ServerLog(_postgresDatabase);

    /// <summary>Everything a SQLite database holds on disk, main file, WAL and shared memory, as text (Latin-1 and UTF-8).</summary>
    public static string DatabaseBytesAsText(string databaseFile)
    {
        SqliteConnection.ClearAllPools();
        return string.Concat(new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" }
            .Where(File.Exists)
            .Select(f =>
            {
                using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                return System.Text.Encoding.Latin1.GetString(memory.ToArray()) + "\n" + System.Text.Encoding.UTF8.GetString(memory.ToArray());
            }));
    }

    public string AllLogText() => string.Join("\n", Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception));

    public void Dispose()
    {
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        if (_postgresDatabase is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            PostgresCluster.Shared.DropDatabase(_postgresDatabase);
        }
    }
}
