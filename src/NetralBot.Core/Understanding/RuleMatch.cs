using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Understanding;

/// <summary>A candidate rule for a question with its similarity score (0..1).</summary>
public sealed record RuleMatch(Rule Rule, double Score);
