namespace NetralBot.Statistics;

/// <summary>One chart of the statistics picture and one CSV file: a title and its bars.</summary>
/// <param name="File">The CSV file's name without extension.</param>
/// <param name="PartName">When set, each bar has a highlighted part (e.g. the unanswered share of a day's questions), written as a third CSV column.</param>
/// <param name="Columns">Vertical bars in time order (days) rather than ranked horizontal bars.</param>
public sealed record StatisticsPanel(string File, string Title, IReadOnlyList<StatisticsBar> Bars, string? PartName = null, bool Columns = false);

/// <summary>A bar: its label, its count and the highlighted part of it.</summary>
public sealed record StatisticsBar(string Label, int Value, int Part = 0, string? ShortLabel = null);
