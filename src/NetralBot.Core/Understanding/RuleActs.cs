using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Understanding;

/// <summary>
/// The acts each rule is about, as its keyword phrases in normalised terms, and the words of its keywords and title.
/// Lets the understander see that a question names a stricter rule's act that the milder best match knows nothing of.
/// </summary>
internal sealed class RuleActs
{
    private readonly Dictionary<string, string[][]> _phrases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _vocabulary = new(StringComparer.Ordinal);

    public RuleActs(IReadOnlyList<Rule> rules, Normalizer normalizer)
    {
        foreach (var rule in rules)
        {
            // Status words say who asks, not what is done ("P3K boleh kampanye?" names no act by "P3K").
            _phrases[rule.Id] = [.. rule.Keywords
                .Select(k => normalizer.Normalize(k).Terms.Where(t => !normalizer.StatusTerms.Contains(t)).Distinct(StringComparer.Ordinal).ToArray())
                .Where(p => p.Length > 0)];
            // Keywords and title only: examples are whole questions and name neighbouring acts in passing.
            _vocabulary[rule.Id] = [.. rule.Keywords.Append(rule.Indonesian.Title).SelectMany(t => normalizer.Normalize(t).Terms)];
        }
    }

    /// <summary>True when the question contains all words of one of <paramref name="rule"/>'s keyword phrases, not
    /// denied ("tanpa pose dua jari", "tolak politik uang"), and that phrase is not already words of
    /// <paramref name="other"/> (so it is this rule's own act, not shared context).</summary>
    public bool Names(Rule rule, NormalizedText question, Rule other)
    {
        var present = question.Terms.ToHashSet(StringComparer.Ordinal);
        var otherWords = _vocabulary[other.Id];
        return _phrases[rule.Id].Any(phrase => phrase.All(present.Contains) && !phrase.All(otherWords.Contains) && !Denied(question.AllTerms, phrase));
    }

    /// <summary>True when every word of the phrase in the question follows, within three words, a word that denies or
    /// opposes it ("ga boleh pake kaos partai").</summary>
    private static bool Denied(IReadOnlyList<string> words, string[] phrase)
    {
        var first = false;
        for (var i = 0; i < words.Count; i++)
        {
            if (!phrase.Contains(words[i], StringComparer.Ordinal))
            {
                continue;
            }
            if (!Enumerable.Range(Math.Max(0, i - NegationReach), Math.Min(i, NegationReach)).Any(j => Negations.Contains(words[j])))
            {
                return false;
            }
            first = true;
        }
        return first;
    }

    private const int NegationReach = 3;

    /// <summary>Words (after normalisation) that deny or oppose the act that follows them.</summary>
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "tidak", "tanpa", "bukan", "jangan", "tolak", "anti", "lawan", "cegah", "hindar", "no", "not", "without", "against", "avoid",
    };
}
