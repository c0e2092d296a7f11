namespace NetralBot.Statistics;

/// <summary>
/// One period's statistics as people see them, in one language: the picture's title and panels, a summary in a few
/// lines, and the questions the bot could not answer (grouped and ranked) for the dialog editors.
/// </summary>
public sealed record StatisticsReport(
    DateOnly From,
    DateOnly To,
    string Title,
    string Summary,
    IReadOnlyList<StatisticsPanel> Panels,
    IReadOnlyList<Storage.UsageCounts.Count> Unanswered,
    string UnansweredText,
    string NoData)
{
    /// <summary>The summary, then the first <paramref name="unanswered"/> unanswered questions.</summary>
    public string Text(int unanswered) =>
        unanswered <= 0 ? Summary : Summary + "\n\n" + string.Join('\n', UnansweredText.Split('\n').Take(unanswered + 1));
}
