using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Core.Knowledge;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using NetralBot.Storage;

namespace NetralBot.Admin;

/// <summary>
/// Tells the admins in their private chats which tips arrived: number, category, kabupaten/kota and a button to open
/// each, never the content or anything about the sender. Sent once an hour on the hour, not when a tip arrives: a
/// tip's time is kept only to the hour, and a message at the minute it came would say more than the database does.
/// An admin switches it off with /notifikasi off. The last announced tip is remembered, so a restart repeats nothing;
/// tips from before the first start are not announced.
/// </summary>
public sealed partial class TipNotifications(
    TipReview review,
    ChannelOffsets marks,
    AdminPreferences preferences,
    AdminInbox inbox,
    DialogsProvider dialogs,
    IOptions<BotOptions> bot,
    TimeProvider time,
    NetralBot.Hosting.Leadership leadership,
    ILogger<TipNotifications> logger) : BackgroundService
{
    /// <summary>The mark's name among the saved positions (with the channels' update ids).</summary>
    public const string Mark = "tip-announcements";

    /// <summary>On the very first start, tips already there count as announced (before any new one can arrive).</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (marks.Load(Mark) is null)
        {
            marks.Save(Mark, review.LastId());
        }
        var now = time.GetUtcNow();
        _due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        return base.StartAsync(cancellationToken);
    }

    private DateTimeOffset _due;

    /// <summary>Once across workers: the worker leading "tip-notifications" runs it (<see cref="Hosting.Leadership"/>).</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leadership.RunAsync("tip-notifications", LeadAsync, stoppingToken);

    private async Task LeadAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = _due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
            // The next full hour after now (Indonesia's zones are whole hours from UTC, so this is on the local hour).
            var now = time.GetUtcNow();
            _due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
            try
            {
                await AnnounceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex); // tried again next hour; nothing is marked as announced
            }
        }
    }

    /// <summary>Announces the tips since the last announcement to every admin who has not switched it off.</summary>
    public async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        var after = marks.Load(Mark) ?? 0;
        var arrived = review.ArrivedAfter(after);
        if (arrived.Count == 0)
        {
            return;
        }
        var language = LanguageCodes.Parse(bot.Value.DefaultLanguage) ?? Language.Indonesian;
        await inbox.SendAsync(TipCommands.Announcement(dialogs.Current, language, arrived), preferences.TipNotificationsOff(), cancellationToken).ConfigureAwait(false);
        marks.Save(Mark, arrived[^1].Id);
        LogAnnounced(arrived.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced {Count} new tip(s) to the admins")]
    private partial void LogAnnounced(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Announcing new tips failed; trying again next hour")]
    private partial void LogFailed(Exception exception);
}
