using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using NetralBot.Tests.Telegram;

namespace NetralBot.Tests.Web;

/// <summary>
/// The bot serving HTTP on loopback exactly as `netralbot run` with Http:Urls does (same host builder, same endpoints,
/// real SQLite file and key file in a temporary folder), with every log line captured at Trace. "Restart" builds a
/// new one on the same folder.
/// </summary>
public sealed class WebBot : IAsyncDisposable
{
    private IHost? _host;

    public WebBot(string? folder = null, IDictionary<string, string?>? settings = null, string? baseUrl = null)
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
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }
    }

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
        return await new WebBot(Folder, Settings, BaseUrl).StartAsync();
    }

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

    /// <summary>Everything the database holds on disk, main file and WAL, as text.</summary>
    public string DatabaseBytesAsText() => TestBot.DatabaseBytesAsText(DatabaseFile);

    public string AllLogText() => string.Join("\n", Logs.GetSnapshot().Select(r => r.Category + " " + r.Message + " " + r.Exception));

    public async ValueTask DisposeAsync() => await StopAsync();
}
