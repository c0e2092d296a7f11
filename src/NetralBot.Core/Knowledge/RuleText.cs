namespace NetralBot.Core.Knowledge;

/// <summary>The user-facing texts of a rule in one language.</summary>
public sealed record RuleText(
    string Title,
    string Short,
    string Explanation,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<View> Views,
    Sanction Sanction,
    string? When,
    string? Note);
