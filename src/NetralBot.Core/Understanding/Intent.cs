namespace NetralBot.Core.Understanding;

/// <summary>What a message is after understanding.</summary>
public enum Intent
{
    /// <summary>A question answered with a rule.</summary>
    Guidance,
    /// <summary>A question that fits several rules: ask "Maksud Anda…?".</summary>
    Clarify,
    /// <summary>A wish to report a violation, or a description of someone else's violation.</summary>
    Report,
    Greeting,
    Menu,
    Help,
    Thanks,
    /// <summary>About something the bot does not cover (salary, CPNS registration, weather…).</summary>
    OutOfScope,
    /// <summary>Election-related but outside the neutrality rules (another election, an asker who is not a government
    /// worker, facts about the election itself): say so, point to who answers it (<see cref="Understanding.NotCovered"/>).</summary>
    NotCovered,
    /// <summary>Nothing fits.</summary>
    Unknown,
}
