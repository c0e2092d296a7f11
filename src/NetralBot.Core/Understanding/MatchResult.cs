namespace NetralBot.Core.Understanding;

/// <summary>The ranked candidates for a question and how confident the best one is (0..1).</summary>
public sealed record MatchResult(IReadOnlyList<RuleMatch> Candidates, double Confidence)
{
    public static MatchResult None { get; } = new([], 0);

    public RuleMatch? Best => Candidates.Count > 0 ? Candidates[0] : null;
}
