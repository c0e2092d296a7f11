namespace NetralBot.Core.Knowledge.Loading;

/// <summary>One problem in the dialogs folder, printed as "file:line: message".</summary>
public sealed record DialogError(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
