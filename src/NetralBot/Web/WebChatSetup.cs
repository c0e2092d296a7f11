using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetralBot.Hosting;

namespace NetralBot.Web;

/// <summary>Registers the web chat: tokens, conversations (stored in the database) and their stream loop, its sender, CORS
/// for configured sites, rate limits (in memory only, per worker).</summary>
public static class WebChatSetup
{
    public static void AddWebChat(this IServiceCollection services)
    {
        services.AddSingleton(sp => new DirectLineTokens(sp.GetRequiredService<MasterSecret>().Derive("directline-token"), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Storage.WebActivities>();
        services.AddSingleton<WebConversations>();
        services.AddHostedService(sp => sp.GetRequiredService<WebConversations>());
        services.AddSingleton<WebChatSender>();
        services.AddSingleton<Channels.IMessageSender>(sp => sp.GetRequiredService<WebChatSender>());
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<WebChatOptions>>((cors, web) =>
            cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy => policy.WithOrigins(web.Value.AllowedOrigins).AllowAnyHeader().AllowAnyMethod()));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<WebChatOptions>>((limits, web) =>
        {
            var o = web.Value;
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // New conversations and messages over all visitors, then messages per conversation.
            limits.AddPolicy(DirectLineEndpoints.ConversationLimit, _ => RateLimitPartition.GetTokenBucketLimiter("all", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = o.ConversationsPerSecond,
                TokensPerPeriod = o.ConversationsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            }));
            limits.AddPolicy(DirectLineEndpoints.MessageLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Request.RouteValues["id"] as string ?? "", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = o.MessagesPerMinutePerConversation,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            limits.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/v3/directline")
                    ? RateLimitPartition.GetTokenBucketLimiter("web", _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = o.MessagesPerSecond,
                        TokensPerPeriod = o.MessagesPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
        });
    }

    public static void MapWebChat(this WebApplication app)
    {
        app.MapDirectLine();
        app.MapWebChatAssets();
    }
}
