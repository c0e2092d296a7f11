using NetralBot.Core.Understanding;

namespace NetralBot.Storage;

/// <summary>The snake_case names intents are stored and printed with.</summary>
public static class IntentNames
{
    public static string Of(Intent intent) => intent switch
    {
        Intent.Guidance => "guidance",
        Intent.Clarify => "clarify",
        Intent.Report => "report",
        Intent.Greeting or Intent.Menu or Intent.Help or Intent.Thanks => "greeting",
        Intent.OutOfScope => "out_of_scope",
        Intent.NotCovered => "not_covered",
        _ => "unknown",
    };
}
