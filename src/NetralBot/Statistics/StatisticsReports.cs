using System.Globalization;
using Microsoft.Extensions.Options;
using NetralBot.Core.Dialogs.Report;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Tips;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using Count = NetralBot.Storage.UsageCounts.Count;

namespace NetralBot.Statistics;

/// <summary>Builds a period's <see cref="StatisticsReport"/> from the store's counts, with local days and the dialogs' names.</summary>
public sealed class StatisticsReports(Storage.UsageCounts statistics, DialogsProvider dialogs, IOptions<BotOptions> bot, TimeProvider time)
{
    private const int Top = 10;
    private readonly TimeZoneInfo _zone = bot.Value.Zone;

    /// <summary>Today in the deployment's zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone).DateTime);

    /// <summary>The language the bot speaks when nobody chose one (the CLI, the weekly digest).</summary>
    public Language DefaultLanguage => LanguageCodes.Parse(bot.Value.DefaultLanguage) ?? Language.Indonesian;

    /// <summary>A text of the dialogs in <paramref name="language"/>.</summary>
    public string Say(Language language, string key) => dialogs.Current.Texts.Get(language, key);

    public StatisticsReport Build(DateOnly from, DateOnly to, Language language)
    {
        var content = dialogs.Current;
        string Say(string key, params (string, string)[] values) => content.Texts.Get(language, key, values);
        var counts = statistics.Read(from, to, _zone.BaseUtcOffset, Top);
        var delivered = counts.Delivery.ToDictionary(d => d.Label, d => d.Value, StringComparer.Ordinal);
        var panels = new List<StatisticsPanel>
        {
            new("questions_per_day", Say(TextKey.StatsQuestionsPerDay),
                [.. counts.Days.Select(d => new StatisticsBar(Day(d.Date), d.Questions, d.Unanswered, d.Date.ToString("dd/MM", CultureInfo.InvariantCulture)))],
                PartName: "unanswered", Columns: true),
            new("topics", Say(TextKey.StatsTopics), Topics(content, language, counts.Rules)),
            // Admins read the rule's title, as people see it; a rule no longer in dialogs/ keeps its id.
            new("rules", Say(TextKey.StatsRules), [.. counts.Rules.Take(Top).Select(r => new StatisticsBar(
                content.Rules.TryGetValue(r.Label, out var rule) ? rule.Text(language).Title : r.Label, r.Value))]),
            new("tips_by_category", Say(TextKey.StatsTipCategories),
                [.. Enum.GetValues<TipCategory>().Select(c => new StatisticsBar(TipSummary.CategoryName(content, language, c), Of(counts.TipCategories, c.ToString())))]),
            new("tips_by_status", Say(TextKey.StatsTipStatuses),
                [.. Enum.GetValues<TipStatus>().Select(s => new StatisticsBar(TipSummary.StatusName(content, language, s), Of(counts.TipStatuses, s.ToString())))]),
            new("tips_by_regency", Say(TextKey.StatsTipRegencies),
                [.. counts.Regencies.Select(r => new StatisticsBar(r.Label, r.Value)),
                 .. counts.OtherRegencies > 0 ? [new StatisticsBar(Say(TextKey.StatsRegencyOther), counts.OtherRegencies)] : Array.Empty<StatisticsBar>()]),
            new("broadcast_delivery", Say(TextKey.StatsDelivery, ("count", Number(counts.Broadcasts))),
            [
                new(Say(TextKey.StatsDeliverySent), delivered.GetValueOrDefault("sent")),
                new(Say(TextKey.StatsDeliveryFailed), delivered.GetValueOrDefault("failed")),
                new(Say(TextKey.StatsDeliverySkipped), delivered.GetValueOrDefault("skipped")),
                new(Say(TextKey.StatsDeliveryWaiting), delivered.GetValueOrDefault("pending") + delivered.GetValueOrDefault("sending")),
            ]),
            new("subscribers", Say(TextKey.StatsSubscribers),
            [
                new(Say(TextKey.StatsSubscribersActive), counts.ActiveSubscribers),
                new(Say(TextKey.StatsSubscribersNew), counts.NewSubscribers),
            ]),
        };
        var summary = Say(TextKey.StatsSummary,
            ("from", Day(from)), ("to", Day(to)),
            ("questions", Number(counts.Questions)), ("unanswered", Number(counts.UnansweredQuestions)),
            ("tips", Number(counts.Tips)), ("subscribers", Number(counts.ActiveSubscribers)), ("new", Number(counts.NewSubscribers)),
            ("broadcasts", Number(counts.Broadcasts)), ("sent", Number(delivered.GetValueOrDefault("sent"))), ("failed", Number(delivered.GetValueOrDefault("failed"))));
        var unanswered = counts.Unanswered.Count == 0
            ? Say(TextKey.StatsUnansweredNone)
            : Say(TextKey.StatsUnansweredTitle) + "\n" + string.Join('\n', counts.Unanswered.Select(u =>
                Say(TextKey.StatsUnansweredItem, ("count", Number(u.Value)), ("question", OneLine(u.Label)))));
        var title = Say(TextKey.StatsTitle, ("from", Day(from)), ("to", Day(to)), ("zone", _zone.StandardName));
        return new StatisticsReport(from, to, title, summary, panels, counts.Unanswered, unanswered, Say(TextKey.StatsNoData));
    }

    /// <summary>Questions per topic (a rules file), most asked first.</summary>
    private static List<StatisticsBar> Topics(DialogContent content, Language language, IReadOnlyList<Count> rules) =>
        [.. rules
            .GroupBy(r => content.Rules.TryGetValue(r.Label, out var rule)
                ? content.Categories.FirstOrDefault(c => c.Id == rule.CategoryId)?.TitleIn(language) ?? rule.CategoryId
                : "-")
            .Select(g => new StatisticsBar(g.Key, g.Sum(r => r.Value)))
            .OrderByDescending(b => b.Value).ThenBy(b => b.Label, StringComparer.Ordinal)
            .Take(Top)];

    private static int Of(IReadOnlyList<Count> counts, string label) => counts.FirstOrDefault(c => c.Label == label)?.Value ?? 0;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    // A question is one line in a list, and never long enough to flood a chat.
    private static string OneLine(string question)
    {
        var line = string.Join(' ', question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 120 ? line : line[..119] + "…";
    }
}
