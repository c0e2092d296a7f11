using NetralBot.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NetralBot.Hosting;

namespace NetralBot.WhatsApp;

/// <summary>Registers the WhatsApp channel (on the HTTP host only): its webhook, the repeat check, media, statuses and the paced sender.</summary>
public static class WhatsAppSetup
{
    public static void AddWhatsApp(this IServiceCollection services)
    {
        services.AddChannelHttpClient(WhatsAppSender.HttpClientName, TimeSpan.FromSeconds(30));
        services.AddSingleton(sp => new WhatsAppIds(sp.GetRequiredService<MasterSecret>().Derive("whatsapp-message-id")));
        services.TryAddSingleton<Storage.SeenUpdates>();
        services.TryAddSingleton<Storage.ServiceWindows>();
        services.AddSingleton<WhatsAppMedia>();
        services.AddSingleton<WhatsAppStatuses>();
        services.AddSingleton<WhatsAppSender>();
        services.AddSingleton<Channels.IMessageSender>(sp => sp.GetRequiredService<WhatsAppSender>());
        services.AddSingleton<WhatsAppWebhook>();
        services.AddSingleton<Conversations.IInboxHandler>(sp => sp.GetRequiredService<WhatsAppWebhook>());
    }

    public static void MapWhatsApp(this WebApplication app, WhatsAppWebhook webhook) => WhatsAppWebhook.Map(app, webhook);
}
