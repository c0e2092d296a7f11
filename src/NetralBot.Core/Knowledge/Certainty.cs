namespace NetralBot.Core.Knowledge;

/// <summary>How firmly the sources back a rule (the fact sheet's T/S/R mark).</summary>
public enum Certainty
{
    Tinggi,
    Sedang,
    Rendah,
}
