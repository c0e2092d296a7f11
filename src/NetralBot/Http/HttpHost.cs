using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetralBot.Telegram;
using NetralBot.Web;
using NetralBot.WhatsApp;
using OpenTelemetry.Metrics;

namespace NetralBot.Http;

/// <summary>
/// The one HTTP host (Http:Urls): health, readiness, metrics, the Telegram and WhatsApp webhooks and the web chat, each mapped here
/// from its own folder. No channel starts a web server of its own.
/// </summary>
public static class HttpHost
{
    public static void AddHttpHost(this IServiceCollection services, bool webChat)
    {
        services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"]);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(BotMetrics.MeterName).AddPrometheusExporter());
        if (webChat)
        {
            services.AddWebChat();
        }
    }

    public static void MapBotEndpoints(this WebApplication app)
    {
        var webChat = app.Services.GetService<WebConversations>() is not null;
        // Behind a TLS proxy on this machine: its scheme, host and path prefix make the stream URL right (wss://…).
        // The caller's address (X-Forwarded-For) is not read: the bot never uses it.
        app.UseForwardedHeaders(new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix,
        });
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        if (webChat)
        {
            app.UseCors();
            app.UseRateLimiter();
        }
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/metrics"), metrics => metrics.Use(async (context, next) =>
        {
            if (!MayReadMetrics(context, app.Services.GetRequiredService<IOptions<HttpOptions>>().Value))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            await next(context).ConfigureAwait(false);
        }));
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (app.Services.GetService<TelegramWebhook>() is { } telegram)
        {
            TelegramWebhook.MapTelegramWebhook(app, telegram);
        }
        if (webChat)
        {
            app.MapWebChat();
        }
        if (app.Services.GetService<WhatsApp.WhatsAppWebhook>() is { } whatsApp)
        {
            app.MapWhatsApp(whatsApp);
        }
    }

    /// <summary>Loopback callers without a token; others only with Http:MetricsToken (constant-time compare).</summary>
    private static bool MayReadMetrics(HttpContext context, HttpOptions options)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!string.IsNullOrEmpty(options.MetricsToken) && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(options.MetricsToken));
        }
        // A proxy on this machine makes every caller look local: forwarded requests need the token.
        return context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
            && !context.Request.Headers.ContainsKey("X-Forwarded-For") && !context.Request.Headers.ContainsKey("Forwarded");
    }
}
