namespace NetralBot.Core.Knowledge;

/// <summary>Converts between <see cref="Language"/> and the two-letter codes used in files and state.</summary>
public static class LanguageCodes
{
    public static string ToCode(this Language language) => language == Language.English ? "en" : "id";

    public static Language? Parse(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "id" or "ind" or "indonesia" or "indonesian" or "bahasa" => Language.Indonesian,
        "en" or "eng" or "english" or "inggris" => Language.English,
        _ => null,
    };
}
