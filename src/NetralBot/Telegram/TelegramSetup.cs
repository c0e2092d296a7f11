using NetralBot.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetralBot.Storage;
using Telegram.Bot;

namespace NetralBot.Telegram;

/// <summary>Registers the Telegram channel: the client over a resilient HttpClient, the update handler and the poller.</summary>
public static class TelegramSetup
{
    private const string HttpClientName = "telegram";

    /// <param name="webhook">Webhook mode instead of long polling (Telegram:Mode); one of the two at a time.</param>
    public static void AddTelegram(this IServiceCollection services, bool webhook = false)
    {
        // 429 is left to Telegram.Bot, which waits retry_after up to Telegram:RetryThresholdSeconds.
        services.AddChannelHttpClient(HttpClientName, TimeSpan.FromSeconds(90));
        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var clientOptions = new TelegramBotClientOptions(options.BotToken!, string.IsNullOrWhiteSpace(options.ApiBaseUrl) ? null : options.ApiBaseUrl)
            {
                RetryThreshold = options.RetryThresholdSeconds,
                RetryCount = 2,
            };
            return new TelegramBotClient(clientOptions, sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName));
        });
        services.AddSingleton<TelegramUpdateHandler>();
        // The update in hand is always finished, even when the host is stopping: no cancellation token.
        services.AddSingleton(sp => new UpdateDispatcher(
            update => sp.GetRequiredService<TelegramUpdateHandler>().HandleAsync(update, CancellationToken.None),
            sp.GetRequiredService<Conversations.ChatDispatcher>(),
            sp.GetRequiredService<ChannelOffsets>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<UpdateDispatcher>>()));
        services.AddSingleton<TelegramCommands>();
        services.AddSingleton<TelegramSender>();
        services.AddSingleton<Channels.IMessageSender>(sp => sp.GetRequiredService<TelegramSender>());
        if (webhook)
        {
            services.AddSingleton<TelegramWebhook>();
            services.AddHostedService(sp => sp.GetRequiredService<TelegramWebhook>());
            services.AddSingleton<Conversations.IInboxHandler>(sp => sp.GetRequiredService<TelegramWebhook>());
        }
        else
        {
            services.AddHostedService<TelegramPollingService>();
        }
    }
}
