namespace NetralBot.Core.Knowledge.Checks;

/// <summary>A problem in the knowledge found by `check-dialogs`: where, how serious, and what is wrong.</summary>
public sealed record KnowledgeFinding(SourceLocation Where, bool IsError, string Message)
{
    public override string ToString() => $"{Where}: {(IsError ? "error" : "warning")}: {Message}";
}
