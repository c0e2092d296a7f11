namespace NetralBot.Core.Evaluation;

/// <summary>The intent labels a labelled set may use instead of a rule id.</summary>
public static class ExpectedLabels
{
    public const string Report = "@report";
    public const string Greeting = "@greeting";
    public const string OutOfScope = "@out_of_scope";
    public const string NotCovered = "@not_covered";
    public const string Unknown = "@unknown";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Report, Greeting, OutOfScope, NotCovered, Unknown };
}
