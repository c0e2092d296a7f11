using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.ConsoleChat;
using NetralBot.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Dialogs;
using NetralBot.Admin;
using NetralBot.Http;
using NetralBot.Storage;

namespace NetralBot.Hosting;

/// <summary>Builds the Generic Host: configuration, options, store, dialogs with hot reload, and the channels.</summary>
public static class BotHost
{
    public const string EnvironmentPrefix = "NETRALBOT__";

    /// <summary>Configuration: appsettings.json next to the program, then NETRALBOT__ environment variables, then overrides (tests).</summary>
    public static HostApplicationBuilder CreateBuilder(IDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        Configure(builder, overrides);
        return builder;
    }

    /// <summary>The same host with the one HTTP host on Http:Urls (WebApplication): <see cref="Build"/> maps its endpoints.</summary>
    public static WebApplicationBuilder CreateWebBuilder(IDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Configuration.Sources.Clear(); // no ASPNETCORE_/DOTNET_ variables: one way to configure the bot
        Configure(builder, overrides);
        var http = builder.Configuration.GetSection(Http.HttpOptions.SectionName).Get<Http.HttpOptions>() ?? new Http.HttpOptions();
        builder.WebHost.UseUrls(http.UrlList);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 12 * 1024 * 1024; // an evidence file (10 MiB) and its form
        });
        builder.Services.AddOptions<Web.WebChatOptions>().BindConfiguration(Web.WebChatOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var webChat = builder.Configuration.GetSection(Web.WebChatOptions.SectionName).Get<Web.WebChatOptions>()?.Enabled ?? true;
        builder.Services.AddHttpHost(webChat);
        // WhatsApp delivers by webhook only, so the channel exists on the HTTP host alone.
        if (builder.Configuration.GetSection(WhatsApp.WhatsAppOptions.SectionName).Get<WhatsApp.WhatsAppOptions>()?.Enabled == true)
        {
            WhatsApp.WhatsAppSetup.AddWhatsApp(builder.Services);
        }
        return builder;
    }

    /// <summary>
    /// The web host (<see cref="CreateWebBuilder"/>) when <paramref name="web"/>, else the plain one. ASP.NET Core's
    /// assemblies are loaded only with the web host: the console and Telegram polling never map them (about 1 MB).
    /// </summary>
    public static IHostApplicationBuilder CreateBuilder(bool web) => web ? CreateWebBuilderUntyped() : CreateBuilder();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IHostApplicationBuilder CreateWebBuilderUntyped() => CreateWebBuilder();

    /// <summary>Builds the host; a web host gets its endpoints mapped.</summary>
    public static IHost Build(IHostApplicationBuilder builder) =>
        builder is HostApplicationBuilder plain ? plain.Build() : BuildWeb(builder);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IHost BuildWeb(IHostApplicationBuilder builder)
    {
        var app = ((WebApplicationBuilder)builder).Build();
        app.MapBotEndpoints();
        return app;
    }

    /// <summary>The configuration <see cref="CreateBuilder"/> reads, to decide which host to build.</summary>
    public static IConfiguration ReadConfiguration(IDictionary<string, string?>? overrides = null) =>
        AddSources(new ConfigurationBuilder(), overrides).Build();

    private static IConfigurationBuilder AddSources(IConfigurationBuilder configuration, IDictionary<string, string?>? overrides) =>
        configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());

    private static void Configure(IHostApplicationBuilder builder, IDictionary<string, string?>? overrides)
    {
        AddSources(builder.Configuration, overrides);
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        // Logs go to stderr so stdout stays the conversation (console chat, ask).
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // ASP.NET Core's own request and connection logs name paths (with conversation ids and stream tokens) and
        // addresses: whatever the configuration says, only its warnings and errors are written.
        builder.Services.PostConfigure<LoggerFilterOptions>(filters =>
        {
            foreach (var rule in filters.Rules.Where(r => r.CategoryName?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true).ToList())
            {
                filters.Rules.Remove(rule);
            }
            filters.Rules.Add(new LoggerFilterRule(null, "Microsoft.AspNetCore", LogLevel.Warning, null));
        });

        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<BotOptions>().BindConfiguration(BotOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<TipsOptions>().BindConfiguration(TipsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Telegram.TelegramOptions>().BindConfiguration(Telegram.TelegramOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Broadcasting.BroadcastOptions>().BindConfiguration(Broadcasting.BroadcastOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Broadcasting.ReminderOptions>().BindConfiguration(Broadcasting.ReminderOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Http.HttpOptions>().BindConfiguration(Http.HttpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<WhatsApp.WhatsAppOptions>().BindConfiguration(WhatsApp.WhatsAppOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
    }

    /// <summary>Adds the services every bot command with a conversation needs.</summary>
    public static void AddBot(this IServiceCollection services, string dialogsFolder, DialogContent dialogs)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new DialogsProvider(dialogsFolder, dialogs, sp.GetRequiredService<ILogger<DialogsProvider>>()));
        services.AddHostedService(sp => sp.GetRequiredService<DialogsProvider>());
        services.AddSingleton(sp =>
        {
            // The key first: a key that is missing, misplaced or readable by others stops the start before the database is touched.
            sp.GetRequiredService<MasterSecret>();
            var database = sp.GetRequiredService<IOptions<StorageOptions>>().Value.CreateDatabase();
            database.Initialize(sp.GetRequiredService<TimeProvider>());
            return database;
        });
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<SecurityOptions>>().Value.KeyFile;
            var database = sp.GetRequiredService<IOptions<StorageOptions>>().Value.CreateDatabase();
            // PostgreSQL: several workers share one key the operator made; SQLite: one process may make its own on first run.
            var secret = database.IsPostgres ? MasterSecret.LoadShared(path) : MasterSecret.LoadOrCreate(path, database.FilePath);
            if (secret.Created)
            {
                sp.GetRequiredService<ILogger<MasterSecret>>().LogWarning(
                    "Created a new secret key file at {Path} (owner-only). Back it up: conversations and tips cannot be read without it", Path.GetFullPath(path));
            }
            return secret;
        });
        services.AddSingleton(sp => new ConversationKeys(sp.GetRequiredService<MasterSecret>().Derive("conversation-key")));
        services.AddSingleton(sp => new ReceiptHashes(sp.GetRequiredService<MasterSecret>().Derive("receipt-code")));
        services.AddSingleton(sp =>
        {
            var cipher = new TipCipher(sp.GetRequiredService<MasterSecret>().Derive("tip-encryption"));
            cipher.VerifyKey(sp.GetRequiredService<Database>()); // a wrong key stops the start with a clear message
            return cipher;
        });
        services.AddSingleton(sp => new TipLimiter(sp.GetRequiredService<IOptions<TipsOptions>>().Value.MaxPerDay, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new EvidenceFiles(
            sp.GetRequiredService<Database>(),
            Path.GetFullPath(sp.GetRequiredService<IOptions<TipsOptions>>().Value.EvidenceFolder),
            sp.GetRequiredService<TipCipher>(), sp.GetRequiredService<ReceiptHashes>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<TipStore>();
        services.AddSingleton<ChannelOffsets>();
        services.AddSingleton<Subscriptions>();
        services.AddSingleton<Broadcasts>();
        services.AddSingleton<WorkerLocks>();
        services.AddSingleton<Leadership>();
        services.AddSingleton<WorkerPresence>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkerPresence>()); // before anything that claims or sends
        services.AddHostedService<Broadcasting.BroadcastSender>();
        services.AddSingleton<Broadcasting.BroadcastProgressReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<Broadcasting.BroadcastProgressReporter>());
        services.AddSingleton<ReminderRuns>();
        services.AddSingleton<Broadcasting.ReminderScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<Broadcasting.ReminderScheduler>());
        services.AddSingleton<TipReview>();
        services.AddSingleton<AdminPreferences>();
        services.AddSingleton<AdminInbox>();
        services.AddSingleton<TipNotifications>();
        services.AddHostedService(sp => sp.GetRequiredService<TipNotifications>());
        services.AddSingleton<Retention>();
        services.AddSingleton<Storage.UsageCounts>();
        services.AddSingleton<NetralBot.Statistics.StatisticsReports>();
        services.AddSingleton<StatisticsCommands>();
        services.AddSingleton<WeeklyDigest>();
        services.AddHostedService(sp => sp.GetRequiredService<WeeklyDigest>());
        services.AddSingleton<AdminCommands>();
        services.AddSingleton<TipCommands>();
        services.AddSingleton<BroadcastCommands>();
        services.AddSingleton<AdminReminders>();
        services.AddSingleton<ReminderCommands>();
        services.AddHostedService<RetentionService>();
        services.AddHostedService<MemoryTrimmer>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<QuestionLog>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<InboundPipeline>();
        services.TryAddSingleton<SeenUpdates>();
        services.AddSingleton<Inbox>();
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<InboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxWorker>());
        services.AddSingleton<ChatDispatcher>();
        services.AddSingleton<Http.ChannelReadiness>();
        services.AddSingleton<LocalTime>();
        services.AddMetrics();
        services.AddSingleton<Http.BotMetrics>();
    }

    /// <summary>Adds the terminal as a channel.</summary>
    public static void AddConsoleChannel(this IServiceCollection services, ConsoleIO io)
    {
        services.AddSingleton(io);
        services.AddSingleton<Channels.IMessageSender, ConsoleSender>();
        services.AddHostedService<ConsoleChannel>();
    }
}
