using System.Collections.Concurrent;
using System.Numerics;

namespace NetralBot.Core.Understanding;

/// <summary>
/// Maps an unknown word to the nearest known one by edit distance (Quickenshtein): at most 1 edit for words of
/// 5–7 letters, 2 for longer ones, and only when the nearest words all mean the same (several spellings of one
/// word are fine; two different words are not). Results are cached: chat words repeat. A word that is new to the
/// cache is compared only with the known words whose letters could be reached in that many edits (see
/// <see cref="Letters"/>), so the first sight of a word costs microseconds, not a scan of the whole vocabulary.
/// </summary>
public sealed class TypoCorrector
{
    private const int CacheLimit = 50_000;
    private readonly Dictionary<string, string> _meaning;
    private readonly Dictionary<int, (string Word, ulong Letters)[]> _byLength;
    private readonly ConcurrentDictionary<string, string?> _cache = new(StringComparer.Ordinal);

    /// <param name="knownWords">Each known word with what it means after normalisation.</param>
    public TypoCorrector(IEnumerable<(string Word, string Meaning)> knownWords)
    {
        _meaning = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (word, meaning) in knownWords)
        {
            if (word.Length > 0 && !word.Contains(' ', StringComparison.Ordinal))
            {
                _meaning.TryAdd(word, meaning);
            }
        }
        _byLength = _meaning.Keys.GroupBy(w => w.Length)
            .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).Select(w => (w, Letters(w))).ToArray());
    }

    public bool IsKnown(string word) => _meaning.ContainsKey(word);

    public string? Correct(string word)
    {
        if (word.Length < 5 || _meaning.ContainsKey(word))
        {
            return null;
        }
        if (_cache.TryGetValue(word, out var cached))
        {
            return cached;
        }
        var result = FindNearest(word);
        if (_cache.Count >= CacheLimit)
        {
            _cache.Clear();
        }
        _cache[word] = result;
        return result;
    }

    private string? FindNearest(string word)
    {
        var maxDistance = word.Length >= 8 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        var tie = false;
        var letters = Letters(word);
        for (var length = word.Length - maxDistance; length <= word.Length + maxDistance; length++)
        {
            if (!_byLength.TryGetValue(length, out var candidates))
            {
                continue;
            }
            foreach (var (candidate, candidateLetters) in candidates)
            {
                if (candidate[0] != word[0] && maxDistance == 1)
                {
                    continue; // a one-letter slip rarely hits the first letter; this halves false fixes
                }
                if (BitOperations.PopCount(letters ^ candidateLetters) > 2 * maxDistance)
                {
                    continue; // too many letters differ for this few edits: the distance is certainly larger
                }
                var distance = Quickenshtein.Levenshtein.GetDistance(word, candidate);
                if (distance > maxDistance || distance > bestDistance)
                {
                    continue;
                }
                if (distance == bestDistance)
                {
                    tie |= _meaning[candidate] != _meaning[best!];
                }
                else
                {
                    bestDistance = distance;
                    best = candidate;
                    tie = false;
                }
            }
        }
        return tie ? null : best;
    }

    /// <summary>
    /// Which letters a word contains, one bit per letter (digits and other characters share bits). An edit changes
    /// this set by at most two letters (a substitution drops one and adds one), so two words whose sets differ in more
    /// than 2 × d letters are more than d edits apart: a cheap and exact filter before the edit distance.
    /// </summary>
    private static ulong Letters(string word)
    {
        ulong letters = 0;
        foreach (var c in word)
        {
            letters |= 1UL << (c is >= 'a' and <= 'z' ? c - 'a' : 26 + (c % 38));
        }
        return letters;
    }
}
