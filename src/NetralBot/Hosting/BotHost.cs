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
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        // Logs go to stderr so stdout stays the conversation (console chat, ask).
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<BotOptions>().BindConfiguration(BotOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<TipsOptions>().BindConfiguration(TipsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Telegram.TelegramOptions>().BindConfiguration(Telegram.TelegramOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Broadcasting.BroadcastOptions>().BindConfiguration(Broadcasting.BroadcastOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Broadcasting.ReminderOptions>().BindConfiguration(Broadcasting.ReminderOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return builder;
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
            var database = new SqliteDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString);
            database.Initialize(sp.GetRequiredService<TimeProvider>());
            return database;
        });
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<SecurityOptions>>().Value.KeyFile;
            var databaseFile = new SqliteDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString).FilePath;
            var secret = MasterSecret.LoadOrCreate(path, databaseFile);
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
            cipher.VerifyKey(sp.GetRequiredService<SqliteDatabase>()); // a wrong key stops the start with a clear message
            return cipher;
        });
        services.AddSingleton(sp => new TipLimiter(sp.GetRequiredService<IOptions<TipsOptions>>().Value.MaxPerDay, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new EvidenceFiles(
            Path.GetFullPath(sp.GetRequiredService<IOptions<TipsOptions>>().Value.EvidenceFolder),
            sp.GetRequiredService<TipCipher>(), sp.GetRequiredService<ReceiptHashes>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<TipStore>();
        services.AddSingleton<ChannelOffsets>();
        services.AddSingleton<Subscriptions>();
        services.AddSingleton<Broadcasts>();
        services.AddHostedService<Broadcasting.BroadcastSender>();
        services.AddSingleton<Broadcasting.BroadcastProgressReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<Broadcasting.BroadcastProgressReporter>());
        services.AddSingleton<ReminderRuns>();
        services.AddSingleton<Broadcasting.ReminderScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<Broadcasting.ReminderScheduler>());
        services.AddSingleton<TipReview>();
        services.AddSingleton<Retention>();
        services.AddSingleton<AdminCommands>();
        services.AddSingleton<TipCommands>();
        services.AddSingleton<BroadcastCommands>();
        services.AddSingleton<AdminReminders>();
        services.AddSingleton<ReminderCommands>();
        services.AddHostedService<RetentionService>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<QuestionLog>();
        services.AddSingleton<ConversationService>();
    }

    /// <summary>Adds the terminal as a channel.</summary>
    public static void AddConsoleChannel(this IServiceCollection services, ConsoleIO io)
    {
        services.AddSingleton(io);
        services.AddHostedService<ConsoleChannel>();
    }
}
