using NetralBot.Core.Knowledge;
using NetralBot.Core.Understanding;

namespace NetralBot.Core.Evaluation;

/// <summary>What the bot did with one labelled question, as the person saw it.</summary>
/// <param name="Actual">The answered rule's id, or an intent label, or "(clarify)".</param>
/// <param name="Verdict">The verdict the person read (only when the bot answered with a rule).</param>
/// <param name="TopRules">The matcher's best candidates, best first.</param>
/// <param name="FirstReply">The first reply exactly as sent.</param>
public sealed record CaseResult(LabelledQuestion Case, Intent Intent, string Actual, Verdict? Verdict, IReadOnlyList<string> TopRules, string FirstReply)
{
    public bool Answered => Intent == Intent.Guidance;

    public bool VerdictRight => Case.Verdict is { } expected && Verdict == expected;

    /// <summary>The costly mistake: a forbidden act read as allowed, with or without conditions.</summary>
    public bool Dangerous => Case.Verdict == Knowledge.Verdict.TidakBoleh && Verdict is Knowledge.Verdict.Boleh or Knowledge.Verdict.Bersyarat;

    public bool IntentRight => Case.ExpectsRule ? Intent is Intent.Guidance or Intent.Clarify : Actual == Case.Expected;
}
