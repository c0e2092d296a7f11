namespace NetralBot.Core.Knowledge;

/// <summary>One action the bot can judge: its verdict, why, the legal basis and the sanction.</summary>
public sealed record Rule(
    string Id,
    string CategoryId,
    Verdict Verdict,
    Certainty Certainty,
    bool Contested,
    IReadOnlyList<string> Basis,
    IReadOnlyList<AskerStatus> Covers,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Examples,
    IReadOnlyList<string> Related,
    RuleText Indonesian,
    RuleText English,
    SourceLocation Source)
{
    public RuleText Text(Language language) => language == Language.English ? English : Indonesian;
}
