using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NetralBot.Telegram;

/// <summary>
/// Long polling: hands each update to the <see cref="UpdateDispatcher"/> (chats concurrently, each chat in order) and
/// confirms to Telegram only what is done. Stopping cancels the wait for updates, never the updates in hand.
/// </summary>
public sealed partial class TelegramPollingService(
    ITelegramBotClient bot,
    UpdateDispatcher dispatcher,
    TelegramCommands commands,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    Http.ChannelReadiness readiness,
    NetralBot.Hosting.Leadership leadership,
    ILogger<TelegramPollingService> logger) : BackgroundService
{
    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(5);

    /// <summary>Once across workers: the worker leading "telegram-polling" runs it (<see cref="Hosting.Leadership"/>).</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leadership.RunAsync("telegram-polling", LeadAsync, stoppingToken);

    private async Task LeadAsync(CancellationToken stoppingToken)
    {
        readiness.Expect(UpdateMapper.Channel);
        var me = await GetMeAsync(stoppingToken).ConfigureAwait(false);
        await commands.SetAsync(stoppingToken).ConfigureAwait(false);
        dispatcher.Start();
        readiness.Started(UpdateMapper.Channel);
        LogStarted(me.Username ?? "?");
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            var started = Stopwatch.GetTimestamp();
            try
            {
                // Confirm only what is done: updates still in hand come again and are skipped as repeats.
                updates = await bot.GetUpdates(dispatcher.Done + 1, 100, options.Value.PollingTimeoutSeconds, UpdateMapper.Wanted, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPollFailed(ex);
                await Task.Delay(ErrorPause, time, stoppingToken).ConfigureAwait(false);
                continue;
            }
            var accepted = updates.OrderBy(u => u.Id).Count(u => dispatcher.Accept(u, me.Username ?? ""));
            if (accepted == 0 && Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(500))
            {
                // Nothing new came back at once (an emulator that does not long-poll, or only updates still in hand):
                // pause instead of spinning.
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Graceful shutdown: stop polling, then let the updates in hand finish.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await dispatcher.WhenIdleAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<User> GetMeAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                return await bot.GetMe(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogGetMeFailed(ex);
                await Task.Delay(ErrorPause, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: polling as @{Username}")]
    private partial void LogStarted(string username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: getUpdates failed; trying again in 5 s")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram: getMe failed (is Telegram:BotToken right?); trying again in 5 s")]
    private partial void LogGetMeFailed(Exception exception);

}
