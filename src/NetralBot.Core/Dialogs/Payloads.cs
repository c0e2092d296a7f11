namespace NetralBot.Core.Dialogs;

/// <summary>The button payloads the dialogs understand. Short, so they fit Telegram's 64-byte callback data.</summary>
public static class Payloads
{
    public const string Menu = "menu";
    public const string Ask = "ask";
    public const string Report = "report";
    public const string NoneOfThese = "none";
    public const string Language = "lang";
    public const string Continue = "go";
    public const string ReportResume = "resume";
    public const string ReportRestart = "restart";
    public const string Cancel = "cancel";
    public const string Skip = "skip";
    public const string Done = "done";
    public const string Send = "send";
    public const string Change = "change";
    public const string AddInfo = "addinfo";
    public const string Retry = "retry";
    private const string ChecklistPrefix = "official:";
    private const string RulePrefix = "r:";
    private const string MorePrefix = "m:";
    private const string CategoryPrefix = "c:";
    private const string LanguagePrefix = "lang:";

    public static string Rule(string id) => RulePrefix + id;

    /// <summary>"Selengkapnya" under an answer: the rest of the rule's text.</summary>
    public static string More(string id) => MorePrefix + id;

    public static string? MoreRuleId(string payload) => payload.StartsWith(MorePrefix, StringComparison.Ordinal) ? payload[MorePrefix.Length..] : null;

    public static string Category(string id) => CategoryPrefix + id;

    public static string SetLanguage(string code) => LanguagePrefix + code;

    /// <summary>The official-report checklist; carries only the date the event happened (for the 7-day deadline).</summary>
    public static string Checklist(DateOnly? eventDate) => ChecklistPrefix + (eventDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "");

    public static bool IsChecklist(string payload, out DateOnly? eventDate)
    {
        eventDate = null;
        if (!payload.StartsWith(ChecklistPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        if (DateOnly.TryParseExact(payload[ChecklistPrefix.Length..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            eventDate = date;
        }
        return true;
    }

    public static string? RuleId(string payload) => payload.StartsWith(RulePrefix, StringComparison.Ordinal) ? payload[RulePrefix.Length..] : null;

    public static string? CategoryId(string payload) => payload.StartsWith(CategoryPrefix, StringComparison.Ordinal) ? payload[CategoryPrefix.Length..] : null;

    public static string? LanguageCode(string payload) => payload.StartsWith(LanguagePrefix, StringComparison.Ordinal) ? payload[LanguagePrefix.Length..] : null;
}
