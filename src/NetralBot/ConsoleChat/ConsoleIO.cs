namespace NetralBot.ConsoleChat;

/// <summary>The terminal the console channel talks through (the process's stdin/stdout, or a test's).</summary>
/// <param name="LogFile">Where `chat` writes its logs instead of the terminal (null when logs go elsewhere).</param>
public sealed record ConsoleIO(TextReader Input, TextWriter Output, string? LogFile = null);
