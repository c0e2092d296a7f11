namespace NetralBot.Core.Understanding;

/// <summary>
/// Sets of words (intents.yaml's "pensiun", "lapor tanpa nama"…) indexed by their first word, so asking whether a
/// message contains all words of any set looks only at the sets that start with one of the message's words.
/// </summary>
internal sealed class WordSets
{
    private readonly Dictionary<string, string[][]> _byFirstWord;

    public WordSets(IEnumerable<string[]> sets) =>
        _byFirstWord = sets.Where(set => set.Length > 0)
            .GroupBy(set => set[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>True when all words of one set of at least <paramref name="minimumLength"/> words are in <paramref name="words"/>.</summary>
    public bool AnyWithin(HashSet<string> words, int minimumLength = 1)
    {
        foreach (var word in words)
        {
            if (!_byFirstWord.TryGetValue(word, out var sets))
            {
                continue;
            }
            foreach (var set in sets)
            {
                if (set.Length >= minimumLength && AllIn(set, words))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool AllIn(string[] set, HashSet<string> words)
    {
        for (var i = 1; i < set.Length; i++)
        {
            if (!words.Contains(set[i]))
            {
                return false;
            }
        }
        return true;
    }
}
