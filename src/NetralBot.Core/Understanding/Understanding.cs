using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Understanding;

/// <summary>The result of understanding one message.</summary>
/// <param name="Intent">What the message is.</param>
/// <param name="Match">The ranked rules and the confidence of the best one.</param>
/// <param name="Choices">The rules offered when clarifying (up to 3, strictest verdict first).</param>
/// <param name="Status">The asker's status, if named.</param>
/// <param name="Answered">The rule answered (Guidance only); usually the best match, a stricter one when the question names its act.</param>
/// <param name="Alternatives">Close runners-up offered as buttons under an answer ("Atau maksud Anda…").</param>
/// <param name="Written">The language the message is written in, when that is clear.</param>
public sealed record Understanding(
    Intent Intent,
    MatchResult Match,
    IReadOnlyList<Rule> Choices,
    AskerStatus Status,
    Rule? Answered = null,
    IReadOnlyList<Rule>? Alternatives = null,
    Language? Written = null,
    NotCoveredReason? NotCovered = null)
{
    public Rule? Rule => Intent == Intent.Guidance ? Answered ?? Match.Best?.Rule : null;

    public IReadOnlyList<Rule> Offered => Alternatives ?? [];
}
