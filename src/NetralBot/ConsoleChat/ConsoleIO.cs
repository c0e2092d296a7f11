namespace NetralBot.ConsoleChat;

/// <summary>The terminal the console channel talks through (the process's stdin/stdout, or a test's).</summary>
public sealed record ConsoleIO(TextReader Input, TextWriter Output);
