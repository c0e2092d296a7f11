using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Core.Knowledge;
using NetralBot.Dialogs;
using NetralBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NetralBot.Telegram;

/// <summary>
/// Long polling. Each batch: updates of different chats run concurrently, those of one chat in order; when the whole
/// batch is handled its last id is saved and confirmed to Telegram, so after a restart nothing is handled twice and
/// nothing unhandled is lost. Stopping cancels the wait for updates, never the batch in hand.
/// </summary>
public sealed partial class TelegramPollingService(
    ITelegramBotClient bot,
    TelegramUpdateHandler handler,
    ChannelOffsets offsets,
    DialogsProvider dialogs,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPollingService> logger) : BackgroundService
{
    private static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery];
    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var me = await GetMeAsync(stoppingToken).ConfigureAwait(false);
        await SetCommandsAsync(stoppingToken).ConfigureAwait(false);
        var last = (int?)offsets.Load(UpdateMapper.Channel);
        LogStarted(me.Username ?? "?");
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            var started = Stopwatch.GetTimestamp();
            try
            {
                updates = await bot.GetUpdates(last + 1, 100, options.Value.PollingTimeoutSeconds, Wanted, stoppingToken).ConfigureAwait(false);
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
            var fresh = updates.Where(u => last is null || u.Id > last).OrderBy(u => u.Id).ToList();
            if (fresh.Count == 0)
            {
                // A server that answers at once instead of long polling (an emulator) must not make this spin.
                if (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(200))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), time, stoppingToken).ConfigureAwait(false);
                }
                continue;
            }
            await HandleBatchAsync(fresh, me.Username ?? "").ConfigureAwait(false);
            last = fresh[^1].Id;
            offsets.Save(UpdateMapper.Channel, last.Value);
        }
    }

    /// <summary>The batch in hand is finished even when the host is stopping (no cancellation token on purpose).</summary>
    private Task HandleBatchAsync(List<Update> updates, string botUsername) =>
        Task.WhenAll(updates
            .Select(u => UpdateMapper.Map(u, botUsername))
            .OfType<UpdateMapper.Mapped>()
            .GroupBy(m => m.ChatId)
            .Select(async chat =>
            {
                foreach (var update in chat)
                {
                    await handler.HandleAsync(update, CancellationToken.None).ConfigureAwait(false);
                }
            }));

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

    /// <summary>The command menu in Indonesian (default) and English (for clients set to English).</summary>
    private async Task SetCommandsAsync(CancellationToken stoppingToken)
    {
        foreach (var (language, code) in new[] { (Language.Indonesian, (string?)null), (Language.English, "en") })
        {
            var commands = dialogs.Current.Texts.Get(language, TextKey.BotCommands)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(" - ", 2))
                .Where(p => p.Length == 2)
                .Select(p => new BotCommand { Command = p[0].Trim().TrimStart('/'), Description = p[1].Trim() })
                .ToArray();
            try
            {
                await bot.SetMyCommands(commands, languageCode: code, cancellationToken: stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCommandsNotSet(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: polling as @{Username}")]
    private partial void LogStarted(string username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: getUpdates failed; trying again in 5 s")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram: getMe failed (is Telegram:BotToken right?); trying again in 5 s")]
    private partial void LogGetMeFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: the command list could not be set")]
    private partial void LogCommandsNotSet(Exception exception);
}
