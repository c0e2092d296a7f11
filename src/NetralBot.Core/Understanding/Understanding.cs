using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Understanding;

/// <summary>The result of understanding one message.</summary>
/// <param name="Intent">What the message is.</param>
/// <param name="Match">The ranked rules and the confidence of the best one.</param>
/// <param name="Choices">The rules to offer when clarifying (up to 3).</param>
/// <param name="Status">The asker's status, if named.</param>
public sealed record Understanding(Intent Intent, MatchResult Match, IReadOnlyList<Rule> Choices, AskerStatus Status)
{
    public Rule? Rule => Intent == Intent.Guidance ? Match.Best?.Rule : null;
}
