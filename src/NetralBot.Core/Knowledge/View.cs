namespace NetralBot.Core.Knowledge;

/// <summary>One side of a contested rule: who holds the position and what it says.</summary>
public sealed record View(string By, string Says);
