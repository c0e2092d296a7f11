namespace NetralBot.Core.Knowledge;

/// <summary>The fixed texts by language and key; placeholders are written {name}.</summary>
public sealed class TextCatalog(IReadOnlyDictionary<Language, IReadOnlyDictionary<string, string>> texts)
{
    public string Get(Language language, string key) => texts[language][key];

    public string Get(Language language, string key, params (string Name, string Value)[] values)
    {
        var text = Get(language, key);
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }
        return text;
    }
}
