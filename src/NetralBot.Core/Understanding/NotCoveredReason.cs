namespace NetralBot.Core.Understanding;

/// <summary>Why a message is outside the neutrality rules, which decides where the reply points.</summary>
public enum NotCoveredReason
{
    /// <summary>An election the rules do not cover (RT/RW, OSIS, koperasi, ormas…): not regulated, ask BKPSDM.</summary>
    OtherElection,
    /// <summary>The asker is not a government worker (a student, private employee, TNI/Polri…): other rules apply, ask Bawaslu.</summary>
    OutsideAsker,
    /// <summary>About the election itself (results, seats, registration dates, ballots): KPU's information, not a verdict.</summary>
    ElectionFacts,
}
