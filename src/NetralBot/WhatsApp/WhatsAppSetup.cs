using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;
using NetralBot.Hosting;

namespace NetralBot.WhatsApp;

/// <summary>Registers the WhatsApp channel (on the HTTP host only): its webhook, the repeat check and the paced sender.</summary>
public static class WhatsAppSetup
{
    public static void AddWhatsApp(this IServiceCollection services)
    {
        // The request URL and headers hold the phone number id, the token and recipients: HttpClient's own logging is off.
        services.AddHttpClient(WhatsAppSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .RemoveAllLoggers()
            .AddResilienceHandler(WhatsAppSender.HttpClientName, pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Result.StatusCode: >= HttpStatusCode.InternalServerError } => true,
                    _ => false,
                }),
            }));
        services.AddSingleton(sp => new SeenMessages(sp.GetRequiredService<MasterSecret>().Derive("whatsapp-message-id")));
        services.AddSingleton<WhatsAppSender>();
        services.AddSingleton<Channels.IMessageSender>(sp => sp.GetRequiredService<WhatsAppSender>());
        services.AddSingleton<WhatsAppWebhook>();
    }

    public static void MapWhatsApp(this WebApplication app, WhatsAppWebhook webhook) => WhatsAppWebhook.Map(app, webhook);
}
