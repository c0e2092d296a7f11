using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetralBot.ConsoleChat;
using NetralBot.Dialogs;
using Microsoft.Extensions.Configuration;
using NetralBot.Hosting;
using NetralBot.Http;
using Serilog;
using NetralBot.Telegram;

namespace NetralBot.Cli;

/// <summary>`netralbot chat` talks to the bot in this terminal; `netralbot run` starts the worker with the configured channels.</summary>
public static class ChatCommand
{
    public static Command CreateChat()
    {
        var command = new Command("chat", "Talk to the bot in this terminal (no token needed; type the number of a choice)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await RunHostAsync(parse.GetValue(CommonOptions.Dialogs), quiet: true, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    public static Command CreateRun()
    {
        var command = new Command("run", "Start the bot's worker with the configured channels");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await RunHostAsync(parse.GetValue(CommonOptions.Dialogs), quiet: false, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task RunHostAsync(string? dialogsOption, bool quiet, CancellationToken cancellationToken)
    {
        var folder = DialogFolder.Resolve(dialogsOption);
        var content = DialogFolder.Load(folder);
        var configuration = BotHost.ReadConfiguration();
        var telegram = configuration.GetSection(TelegramOptions.SectionName).Get<TelegramOptions>() ?? new TelegramOptions();
        var http = configuration.GetSection(HttpOptions.SectionName).Get<HttpOptions>() ?? new HttpOptions();
        // `chat` is the terminal only; `run` serves what is configured, and the terminal when nothing is.
        var serveTelegram = !quiet && telegram.Enabled;
        var serveHttp = !quiet && http.Enabled;
        if (serveTelegram && telegram.UseWebhook && !serveHttp)
        {
            throw new StartupRefusedException("Telegram:Mode is webhook, but nothing listens: set Http:Urls (NETRALBOT__Http__Urls, e.g. http://0.0.0.0:8080); the webhook is /webhooks/telegram there.");
        }
        var whatsApp = configuration.GetSection(WhatsApp.WhatsAppOptions.SectionName).Get<WhatsApp.WhatsAppOptions>() ?? new WhatsApp.WhatsAppOptions();
        if (!quiet && whatsApp.Enabled && !serveHttp)
        {
            throw new StartupRefusedException("WhatsApp is configured, but nothing listens: set Http:Urls (NETRALBOT__Http__Urls, e.g. http://0.0.0.0:8080); the webhook is /webhooks/whatsapp there.");
        }
        var builder = BotHost.CreateBuilder(web: serveHttp);
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        // One process per SQLite file; PostgreSQL is shared by several workers.
        var databaseFile = storage.CreateDatabase().FilePath;
        using var instance = databaseFile is null ? null : InstanceLock.Acquire(databaseFile);
        string? logFile = null;
        if (quiet)
        {
            // The terminal is the conversation: logs go to a file next to the database, never between the lines.
            logFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databaseFile ?? "data/netralbot.db")) ?? ".", "chat.log");
            builder.Logging.ClearProviders();
            builder.Logging.AddSerilog(new LoggerConfiguration()
                .WriteTo.File(logFile, formatProvider: System.Globalization.CultureInfo.InvariantCulture, fileSizeLimitBytes: 10 * 1024 * 1024, rollOnFileSizeLimit: true, retainedFileCountLimit: 3)
                .CreateLogger(), dispose: true);
        }
        builder.Services.AddBot(folder, content);
        if (serveTelegram)
        {
            builder.Services.AddTelegram(telegram.UseWebhook);
        }
        var serveConsole = !serveTelegram && !serveHttp;
        if (serveConsole)
        {
            Console.InputEncoding = Encoding.UTF8;
            Console.OutputEncoding = Encoding.UTF8;
            builder.Services.AddConsoleChannel(new ConsoleIO(Console.In, Console.Out, logFile));
        }
        using var host = BotHost.Build(builder);
        // Key, database and key check before the host starts: a refusal is one sentence, not a hosting failure's trace.
        host.Services.GetRequiredService<Storage.TipCipher>();
        if (!quiet)
        {
            var notice = host.Services.GetRequiredService<ILogger<ConsoleChannelNotice>>();
            if (serveTelegram)
            {
                notice.LogInformation("Serving Telegram by {Mode}; dialogs from {Folder}", telegram.UseWebhook ? "webhook" : "long polling", folder);
            }
            if (serveHttp)
            {
                notice.LogInformation("Serving HTTP on {Urls}: web chat at /chat, health at /healthz and /readyz, metrics at /metrics", string.Join(", ", http.UrlList));
            }
            if (serveHttp && whatsApp.Enabled)
            {
                notice.LogInformation("Serving WhatsApp: webhook at /webhooks/whatsapp");
            }
            if (serveConsole)
            {
                notice.LogInformation("No Telegram token and no Http:Urls configured: serving the console. Set Telegram:BotToken (NETRALBOT__Telegram__BotToken) to serve Telegram, Http:Urls (NETRALBOT__Http__Urls) for the web chat; dialogs from {Folder}", folder);
            }
        }
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Log category for start-up notices about channels.</summary>
    private sealed class ConsoleChannelNotice;
}
