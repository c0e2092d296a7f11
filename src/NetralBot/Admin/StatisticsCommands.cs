using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Statistics;

namespace NetralBot.Admin;

/// <summary>/statistik [N]: the statistics picture of the last N days (default 7, today included) with a few lines of text.</summary>
public sealed class StatisticsCommands(StatisticsReports reports)
{
    public const string Command = "/statistik";

    private const int DefaultDays = 7, MaxDays = 366;

    public IReadOnlyList<Reply> Handle(AdminRequest r)
    {
        var days = r.Arguments.Length == 0 ? DefaultDays : r.Number is { } n and >= 1 and <= MaxDays ? (int)n : 0;
        if (days == 0)
        {
            return [new Reply(r.Say(TextKey.StatsUsage))];
        }
        var today = reports.Today;
        var report = reports.Build(today.AddDays(1 - days), today, r.Language);
        return [new Reply(report.Text(3), [], Image: StatisticsPicture.Draw(report))];
    }
}
