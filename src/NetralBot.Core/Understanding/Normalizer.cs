using System.Collections.Concurrent;
using System.Text;
using Lucene.Net.Analysis.Id;
using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Understanding;

/// <summary>
/// Turns informal Indonesian into canonical terms: emoji and phrases, slang/English/Javanese/synonyms from the
/// lexicon, number words, Lucene's Indonesian stemmer for affixes, and (when given) typo correction.
/// Rules and questions go through the same pipeline, so both sides meet on the same terms.
/// </summary>
public sealed class Normalizer
{
    /// <summary>How many words' meanings are remembered; past that the memory starts again (people's words are unbounded).</summary>
    private const int MeaningsKept = 20_000;

    private readonly Lexicon _lexicon;
    private readonly TypoCorrector? _typos;
    private readonly HashSet<string> _canonical;
    private readonly Dictionary<string, (string[] Words, string[] Meaning)[]> _phrasesByFirstWord;
    private readonly ConcurrentDictionary<string, string[]> _meanings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string[] Words, AskerStatus Status)[]> _statusByFirstWord;

    public Normalizer(Lexicon lexicon, TypoCorrector? typos = null)
    {
        _lexicon = lexicon;
        _typos = typos;
        _canonical = new HashSet<string>(
            lexicon.Words.Values.SelectMany(v => v).Concat(lexicon.Phrases.Values.SelectMany(v => v.Split(' ')))
                .Concat(lexicon.Emoji.Values.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries))),
            StringComparer.Ordinal);
        _phrasesByFirstWord = lexicon.Phrases.Keys
            .Select(k => Tokenizer.Split(k).ToArray())
            .Where(words => words.Length > 0)
            .GroupBy(words => words[0], StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.OrderByDescending(w => w.Length)
                    .Select(w => (w, lexicon.Phrases[string.Join(' ', w)].Split(' ', StringSplitOptions.RemoveEmptyEntries)))
                    .ToArray(),
                StringComparer.Ordinal);
        _statusByFirstWord = lexicon.StatusWords
            .Select(kv => (Words: Tokenizer.Split(kv.Key).ToArray(), Status: kv.Value))
            .Where(x => x.Words.Length > 0)
            .GroupBy(x => x.Words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.Words.Length).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The canonical terms of status words (pns, pppk, honorer…): they say who asks, not what is asked.</summary>
    public IReadOnlySet<string> StatusTerms => _statusTerms ??= _lexicon.StatusWords.Keys
        .SelectMany(k => new Normalizer(_lexicon).Normalize(k).Terms)
        .ToHashSet(StringComparer.Ordinal);

    private HashSet<string>? _statusTerms;

    /// <summary>Every raw form the pipeline knows: lexicon keys, canonical words, stopwords, number words.</summary>
    public IEnumerable<string> KnownForms =>
        _lexicon.Words.Keys.Concat(_canonical).Concat(_lexicon.Stopwords).Concat(_lexicon.Numbers.Keys);

    public NormalizedText Normalize(string text)
    {
        var tokens = Tokenizer.Split(ReplaceEmoji(text));
        var status = FindStatus(tokens);
        var all = new List<string>(tokens.Count + 4);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (TryPhrase(tokens, i, out var phraseMeaning, out var length))
            {
                all.AddRange(phraseMeaning);
                i += length - 1;
                continue;
            }
            all.AddRange(Meaning(tokens[i]));
        }
        var terms = new List<string>(all.Count);
        foreach (var term in all)
        {
            if (!_lexicon.Stopwords.Contains(term))
            {
                terms.Add(term);
            }
        }
        return new NormalizedText(terms, all, status);
    }

    /// <summary>What one word means (usually one term, sometimes several or none), remembered: chat words repeat.</summary>
    private string[] Meaning(string token)
    {
        if (_meanings.TryGetValue(token, out var known))
        {
            return known;
        }
        var output = new List<string>(2);
        MapToken(token, new IndonesianStemmer(), output, allowTypoFix: true);
        if (_meanings.Count >= MeaningsKept)
        {
            _meanings.Clear();
        }
        return _meanings[token] = [.. output];
    }

    private void MapToken(string token, IndonesianStemmer stemmer, List<string> output, bool allowTypoFix)
    {
        if (_lexicon.Numbers.TryGetValue(token, out var digits))
        {
            output.Add(digits);
            return;
        }
        if (_lexicon.Words.TryGetValue(token, out var words))
        {
            output.AddRange(words);
            return;
        }
        if (_canonical.Contains(token) || _lexicon.Stopwords.Contains(token) || token.Any(char.IsDigit))
        {
            output.Add(token);
            return;
        }
        var stem = Stem(stemmer, token);
        if (_lexicon.Words.TryGetValue(stem, out words))
        {
            output.AddRange(words);
            return;
        }
        if (allowTypoFix && _typos is not null && !_typos.IsKnown(stem) && _typos.Correct(token) is { } fixedToken)
        {
            MapToken(fixedToken, stemmer, output, allowTypoFix: false);
            return;
        }
        output.Add(stem);
    }

    private static string Stem(IndonesianStemmer stemmer, string token)
    {
        if (token.Length < 5)
        {
            return token;
        }
        var buffer = token.ToCharArray();
        var length = stemmer.Stem(buffer, buffer.Length, stemDerivational: true);
        return length > 2 ? new string(buffer, 0, length) : token;
    }

    private bool TryPhrase(List<string> tokens, int start, out string[] meaning, out int length)
    {
        if (_phrasesByFirstWord.TryGetValue(tokens[start], out var candidates))
        {
            foreach (var (words, phraseMeaning) in candidates)
            {
                if (StartsAt(tokens, start, words))
                {
                    meaning = phraseMeaning;
                    length = words.Length;
                    return true;
                }
            }
        }
        meaning = [];
        length = 0;
        return false;
    }

    /// <summary>The status named in the text; "honorer bukan ASN" names two, so the most specific wins (PPNPN, PPPK, PNS).</summary>
    private AskerStatus FindStatus(List<string> tokens)
    {
        var found = AskerStatus.Unknown;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!_statusByFirstWord.TryGetValue(tokens[i], out var candidates))
            {
                continue;
            }
            foreach (var (words, status) in candidates)
            {
                if (StartsAt(tokens, i, words))
                {
                    found = status > found ? status : found;
                    break;
                }
            }
        }
        return found;
    }

    private static bool StartsAt(List<string> tokens, int start, string[] words)
    {
        if (start + words.Length > tokens.Count)
        {
            return false;
        }
        for (var j = 0; j < words.Length; j++)
        {
            if (!string.Equals(tokens[start + j], words[j], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    private string ReplaceEmoji(string text)
    {
        var hasSymbol = false;
        foreach (var c in text)
        {
            if (char.IsSurrogate(c) || c > '\u2000')
            {
                hasSymbol = true;
                break;
            }
        }
        if (!hasSymbol)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var element in EnumerateElements(text))
        {
            var bare = StripModifiers(element);
            if (bare.Length > 0 && _lexicon.Emoji.TryGetValue(bare, out var words))
            {
                sb.Append(' ').Append(words).Append(' ');
            }
            else
            {
                sb.Append(element);
            }
        }
        return sb.ToString();
    }

    private static IEnumerable<string> EnumerateElements(string text)
    {
        var e = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            yield return e.GetTextElement();
        }
    }

    /// <summary>Removes the emoji variation selector and skin-tone modifiers so "✌️" and "✌🏽" match "✌".</summary>
    public static string StripModifiers(string element)
    {
        if (element.Length == 1)
        {
            return element;
        }
        var sb = new StringBuilder(element.Length);
        for (var i = 0; i < element.Length; i++)
        {
            var c = element[i];
            if (c == '\uFE0F')
            {
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < element.Length)
            {
                var cp = char.ConvertToUtf32(c, element[i + 1]);
                if (cp is >= 0x1F3FB and <= 0x1F3FF)
                {
                    i++;
                    continue;
                }
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
