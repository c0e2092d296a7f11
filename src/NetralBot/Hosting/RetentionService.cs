using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Storage;

namespace NetralBot.Hosting;

/// <summary>Once at start and then hourly: deletes closed tips past retention and drafts untouched for a day. Logs counts only.</summary>
public sealed partial class RetentionService(Retention retention, IOptions<TipsOptions> options, TimeProvider time, Leadership leadership, ILogger<RetentionService> logger) : BackgroundService
{
    // Hourly rather than daily, so a draft is gone within an hour of its 24 hours, whatever time the bot started.
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);

    /// <summary>Once across workers: the worker leading "retention" runs it (<see cref="Hosting.Leadership"/>).</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leadership.RunAsync("retention", LeadAsync, stoppingToken);

    private async Task LeadAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                var (tips, drafts) = retention.Run(TimeSpan.FromDays(options.Value.RetentionDays), TimeSpan.FromHours(options.Value.DraftHours));
                if (tips + drafts > 0)
                {
                    LogDeleted(tips, drafts);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The retention run failed; it will be tried again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Tips} closed tip(s) and {Drafts} stale draft(s)")]
    private partial void LogDeleted(int tips, int drafts);
}
