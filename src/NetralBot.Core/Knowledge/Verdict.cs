namespace NetralBot.Core.Knowledge;

/// <summary>The answer to "boleh tidak?". Member names are written to logs and JSON as snake_case.</summary>
public enum Verdict
{
    Boleh,
    TidakBoleh,
    Bersyarat,
}
