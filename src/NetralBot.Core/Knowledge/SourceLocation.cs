namespace NetralBot.Core.Knowledge;

/// <summary>Where something was read from: a dialogs/ file (relative path) and a 1-based line.</summary>
public sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
