namespace NetralBot.Core.Understanding;

/// <summary>
/// When the bot answers, asks which one is meant, or says it did not understand. The defaults were chosen by
/// measuring verdict accuracy, clarify rate and dangerous answers on the dev sets (see the issue notes and
/// AnswerPolicyTests); `evaluate` shows the effect of a change.
/// </summary>
/// <param name="MinScore">Below this similarity no rule is a reading of the message at all.</param>
/// <param name="TieRatio">A runner-up scoring at least this share of the best is a tie: a different verdict among
/// the tied readings makes the bot ask instead of answer.</param>
/// <param name="AlternativeRatio">Runners-up above this share of the best are offered as buttons under the answer.</param>
/// <param name="CautionRatio">A milder best match with a stricter candidate scoring at least this share of it is not
/// answered but asked, strictest first: a wrong "boleh" costs more than a question (1 or more: never).</param>
/// <param name="ActRatio">A stricter rule whose own act (a keyword phrase) is named in the question is answered instead
/// of a milder best match when it scores at least this share of the best.</param>
public sealed record AnswerPolicy(double MinScore, double TieRatio, double AlternativeRatio, double ActRatio, double CautionRatio)
{
    public static AnswerPolicy Default { get; } = new(MinScore: 0.12, TieRatio: 0.95, AlternativeRatio: 0.5, ActRatio: 0.3, CautionRatio: 1);
}
