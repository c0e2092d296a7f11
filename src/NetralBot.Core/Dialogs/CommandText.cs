namespace NetralBot.Core.Dialogs;

/// <summary>Reads "/command argument" from a message ("/start@NetralBot" in groups counts as "/start").</summary>
public static class CommandText
{
    public static (string? Command, string? Argument) Parse(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || !trimmed.StartsWith('/'))
        {
            return (null, null);
        }
        var parts = trimmed.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var command = parts[0].ToLowerInvariant();
        var at = command.IndexOf('@', StringComparison.Ordinal);
        return (at > 0 ? command[..at] : command, parts.Length > 1 ? parts[1] : null);
    }
}
