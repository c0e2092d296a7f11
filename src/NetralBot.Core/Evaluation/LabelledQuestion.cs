using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Evaluation;

/// <summary>One question of a labelled set: what the bot should understand and which verdict it should give.</summary>
/// <param name="Expected">A rule id, or an intent label (<see cref="ExpectedLabels"/>).</param>
/// <param name="Verdict">The verdict a person should read; null for intent labels.</param>
/// <param name="Line">The line in the set's file, for error lists.</param>
public sealed record LabelledQuestion(string Expected, Verdict? Verdict, string Question, int Line)
{
    public bool ExpectsRule => !Expected.StartsWith('@');
}
