using System.Collections.Concurrent;

namespace NetralBot.Core.Understanding;

/// <summary>
/// Maps an unknown word to the nearest known one by edit distance (Quickenshtein): at most 1 edit for words of
/// 4–6 letters, 2 for longer ones, and only when the nearest is unique. Results are cached: chat words repeat.
/// </summary>
public sealed class TypoCorrector
{
    private const int CacheLimit = 50_000;
    private readonly HashSet<string> _known;
    private readonly Dictionary<int, string[]> _byLength;
    private readonly ConcurrentDictionary<string, string?> _cache = new(StringComparer.Ordinal);

    public TypoCorrector(IEnumerable<string> knownWords)
    {
        _known = new HashSet<string>(knownWords.Where(w => w.Length > 0 && !w.Contains(' ', StringComparison.Ordinal)), StringComparer.Ordinal);
        _byLength = _known.GroupBy(w => w.Length).ToDictionary(g => g.Key, g => g.OrderBy(w => w, StringComparer.Ordinal).ToArray());
    }

    public bool IsKnown(string word) => _known.Contains(word);

    public string? Correct(string word)
    {
        if (word.Length < 4 || _known.Contains(word))
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
        var maxDistance = word.Length >= 7 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        var tie = false;
        for (var length = word.Length - maxDistance; length <= word.Length + maxDistance; length++)
        {
            if (!_byLength.TryGetValue(length, out var candidates))
            {
                continue;
            }
            foreach (var candidate in candidates)
            {
                if (candidate[0] != word[0] && maxDistance == 1)
                {
                    continue; // a one-letter slip rarely hits the first letter; this halves false fixes
                }
                var distance = Quickenshtein.Levenshtein.GetDistance(word, candidate);
                if (distance > maxDistance || distance > bestDistance)
                {
                    continue;
                }
                tie = distance == bestDistance;
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = candidate;
                }
            }
        }
        return tie ? null : best;
    }
}
