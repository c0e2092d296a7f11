using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NetralBot.Broadcasting;
using NetralBot.Storage;

namespace NetralBot.Tests.Broadcasting;

/// <summary>dialogs/reminders.yaml has "senin_pagi" at 07:00 WIB on Mondays; 2026-11-30 is a Monday.</summary>
public class ReminderTests
{
    private static readonly DateTimeOffset MondaySevenWib = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private static TestBot NewBot(FakeTimeProvider time, string? folder = null) =>
        new(folder, services: s => s.AddSingleton<TimeProvider>(time));

    private static int Broadcasts(TestBot bot)
    {
        using var connection = bot.Get<Database>().Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM broadcasts WHERE created_by = 'reminder:senin_pagi'");
    }

    [Fact]
    public void DueReminder_BecomesOneBroadcast_NeverTwice_EvenAfterARestart()
    {
        var time = new FakeTimeProvider(MondaySevenWib.AddSeconds(20));
        string folder;
        using (var bot = NewBot(time))
        {
            folder = bot.Folder;
            var scheduler = bot.Get<ReminderScheduler>();
            Assert.Equal(1, scheduler.RunDue());
            time.Advance(TimeSpan.FromSeconds(30));
            Assert.Equal(0, scheduler.RunDue());
            Assert.Equal(1, Broadcasts(bot));
        }
        using var restarted = NewBot(time, folder);
        Assert.Equal(0, restarted.Get<ReminderScheduler>().RunDue()); // the start-up look-back finds it already sent
        Assert.Equal(1, Broadcasts(restarted));
    }

    [Fact]
    public void MissedWhileDown_IsSentOnceAtStartUp_WithinTheGrace()
    {
        var time = new FakeTimeProvider(MondaySevenWib.AddMinutes(40));
        using var bot = NewBot(time);
        Assert.Equal(1, bot.Get<ReminderScheduler>().RunDue());
        Assert.Equal(1, Broadcasts(bot));
    }

    [Fact]
    public void MissedBeyondTheGrace_IsNotSent()
    {
        var time = new FakeTimeProvider(MondaySevenWib.AddHours(2));
        using var bot = NewBot(time);
        Assert.Equal(0, bot.Get<ReminderScheduler>().RunDue());
    }

    [Fact]
    public async Task BroadcastText_FollowsTheSubscribersLanguage()
    {
        var time = new FakeTimeProvider(MondaySevenWib.AddSeconds(5));
        using var bot = NewBot(time);
        await bot.SendAsync("en-sub", "/bahasa en");
        await bot.SubscribeAsync("en-sub");
        await bot.SubscribeAsync("id-sub");
        bot.Get<ReminderScheduler>().RunDue();
        var claimed = bot.Get<Storage.Broadcasts>().ClaimNext(10);
        Assert.StartsWith("Good morning!", claimed.Single(c => c.ChatId == "en-sub").Text, StringComparison.Ordinal);
        Assert.StartsWith("Selamat pagi!", claimed.Single(c => c.ChatId == "id-sub").Text, StringComparison.Ordinal);
    }
}
