namespace NetralBot.Core.Dialogs;

/// <summary>Settings of the dialogs that come from configuration rather than from dialogs/.</summary>
/// <param name="HumanContact">Where to reach a person (shown when the bot cannot help).</param>
public sealed record DialogSettings(string HumanContact);
