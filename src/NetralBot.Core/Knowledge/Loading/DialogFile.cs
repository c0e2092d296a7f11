namespace NetralBot.Core.Knowledge.Loading;

/// <summary>A dialogs file as read by the program: its path relative to the dialogs folder and its text.</summary>
public sealed record DialogFile(string Path, string Text);
