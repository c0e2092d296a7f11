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
    /// <summary>About an election the neutrality rules do not cover (RT/RW, OSIS, koperasi, ormas…): say so, point to a person.</summary>
    NotCovered,
    /// <summary>Nothing fits.</summary>
    Unknown,
}
