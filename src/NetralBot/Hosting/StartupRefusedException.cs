namespace NetralBot.Hosting;

/// <summary>Start-up cannot go on; the message says why and what to do, in one sentence for the operator.</summary>
public sealed class StartupRefusedException(string message, Exception? inner = null) : Exception(message, inner);
