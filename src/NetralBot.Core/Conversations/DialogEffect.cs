using NetralBot.Core.Understanding;

namespace NetralBot.Core.Conversations;

/// <summary>Something a dialog step asks the program to do (Core does no I/O itself).</summary>
public abstract record DialogEffect;

/// <summary>Append to the anonymous question log. <paramref name="Text"/> is null when it must not be kept (reports).</summary>
public sealed record LogQuestion(string? Text, Intent Intent, string? RuleId, double Confidence) : DialogEffect;
