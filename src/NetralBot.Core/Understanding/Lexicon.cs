namespace NetralBot.Core.Understanding;

/// <summary>The normalisation dictionaries from dialogs/lexicon.yaml.</summary>
/// <param name="Phrases">Multi-word expressions replaced before tokenising.</param>
/// <param name="Emoji">Emoji replaced by words; unknown emoji are dropped.</param>
/// <param name="Words">Token replacements: slang, English, Javanese and synonyms merged.</param>
/// <param name="Numbers">Number words to digits.</param>
/// <param name="Stopwords">Words removed before matching.</param>
/// <param name="StatusWords">Tokens that reveal the asker's status.</param>
public sealed record Lexicon(
    IReadOnlyDictionary<string, string> Phrases,
    IReadOnlyDictionary<string, string> Emoji,
    IReadOnlyDictionary<string, string[]> Words,
    IReadOnlyDictionary<string, string> Numbers,
    IReadOnlySet<string> Stopwords,
    IReadOnlyDictionary<string, Knowledge.AskerStatus> StatusWords);
