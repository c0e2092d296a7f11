namespace NetralBot.Core.Dialogs;

/// <summary>The button payloads the dialogs understand. Short, so they fit Telegram's 64-byte callback data.</summary>
public static class Payloads
{
    public const string Menu = "menu";
    public const string Ask = "ask";
    public const string Report = "report";
    public const string NoneOfThese = "none";
    public const string Language = "lang";
    private const string RulePrefix = "r:";
    private const string CategoryPrefix = "c:";
    private const string LanguagePrefix = "lang:";

    public static string Rule(string id) => RulePrefix + id;

    public static string Category(string id) => CategoryPrefix + id;

    public static string SetLanguage(string code) => LanguagePrefix + code;

    public static string? RuleId(string payload) => payload.StartsWith(RulePrefix, StringComparison.Ordinal) ? payload[RulePrefix.Length..] : null;

    public static string? CategoryId(string payload) => payload.StartsWith(CategoryPrefix, StringComparison.Ordinal) ? payload[CategoryPrefix.Length..] : null;

    public static string? LanguageCode(string payload) => payload.StartsWith(LanguagePrefix, StringComparison.Ordinal) ? payload[LanguagePrefix.Length..] : null;
}
