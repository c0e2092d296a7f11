namespace NetralBot.Core.Knowledge.Loading;

/// <summary>Thrown when the dialogs folder is invalid; carries every problem found, each with file and line.</summary>
public sealed class DialogLoadException(IReadOnlyList<DialogError> errors)
    : Exception($"The dialogs are invalid ({errors.Count} problem(s)):{Environment.NewLine}" + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<DialogError> Errors { get; } = errors;
}
