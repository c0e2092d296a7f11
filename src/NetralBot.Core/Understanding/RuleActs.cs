using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Understanding;

/// <summary>
/// The acts each rule is about, as its keyword phrases in normalised terms, and the words of its keywords and title.
/// Lets the understander see that a question names a stricter rule's act that the milder best match knows nothing of.
/// A word shortly after a denial ("tanpa", "ga", "tolak"…) is a different term ("!mundur"): "nyaleg tapi ga resign"
/// names the act "nyaleg tanpa resign", not "resign", and "tolak politik uang" does not name "politik uang"; a denial
/// right after "boleh", "bisa"… is the question tag of "boleh ga …?" and denies nothing.
/// </summary>
internal sealed class RuleActs
{
    /// <summary>How many words after a denial are denied by it ("ga boleh pake kaos": kaos).</summary>
    private const int NegationReach = 3;

    /// <summary>Words (after normalisation) that deny or oppose what follows them.</summary>
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "tidak", "tanpa", "bukan", "jangan", "tolak", "anti", "lawan", "cegah", "hindar", "no", "not", "without", "against", "avoid",
    };

    /// <summary>Words after which a denial is a question tag, not a denial: "boleh ga ngelarang…" asks about forbidding.</summary>
    private static readonly HashSet<string> QuestionTags = new(StringComparer.Ordinal) { "boleh", "bisa", "apa", "apakah", "atau", "kah", "dong", "sih" };

    private readonly Dictionary<string, string[][]> _phrases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _vocabulary = new(StringComparer.Ordinal);

    public RuleActs(IReadOnlyList<Rule> rules, Normalizer normalizer)
    {
        foreach (var rule in rules)
        {
            // Status words say who asks, not what is done ("P3K boleh kampanye?" names no act by "P3K").
            _phrases[rule.Id] = [.. rule.Keywords
                .Select(k => Marked(normalizer.Normalize(k)).Where(t => !normalizer.StatusTerms.Contains(t)).Distinct(StringComparer.Ordinal).ToArray())
                .Where(p => p.Length > 0)];
            // Keywords and title only: examples are whole questions and name neighbouring acts in passing.
            _vocabulary[rule.Id] = [.. rule.Keywords.Append(rule.Indonesian.Title).SelectMany(t => Marked(normalizer.Normalize(t)))];
        }
    }

    /// <summary>True when the question (its <see cref="Present"/> terms) contains all (denial-marked) words of one of <paramref name="rule"/>'s keyword
    /// phrases, and that phrase is not already words of <paramref name="other"/> (so it is this rule's own act, not
    /// shared context).</summary>
    public bool Names(Rule rule, HashSet<string> present, Rule other)
    {
        var otherWords = _vocabulary[other.Id];
        foreach (var phrase in _phrases[rule.Id])
        {
            if (AllIn(phrase, present) && !AllIn(phrase, otherWords))
            {
                return true;
            }
        }
        return false;
    }

    private static bool AllIn(string[] phrase, HashSet<string> words)
    {
        foreach (var word in phrase)
        {
            if (!words.Contains(word))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A question's terms as <see cref="Names"/> compares them: computed once per question.</summary>
    public static HashSet<string> Present(NormalizedText question) => Marked(question).ToHashSet(StringComparer.Ordinal);

    /// <summary>The content terms in order, each within <see cref="NegationReach"/> words after a denial prefixed "!".</summary>
    private static List<string> Marked(NormalizedText text)
    {
        var marked = new List<string>(text.Terms.Count);
        var sinceDenial = int.MaxValue;
        var next = 0;
        string? previous = null;
        foreach (var word in text.AllTerms)
        {
            var afterQuestionTag = previous is not null && QuestionTags.Contains(previous);
            previous = word;
            var isContent = next < text.Terms.Count && text.Terms[next] == word;
            if (isContent)
            {
                next++;
            }
            if (Negations.Contains(word) && !afterQuestionTag)
            {
                sinceDenial = 0;
                continue;
            }
            sinceDenial = sinceDenial == int.MaxValue ? sinceDenial : sinceDenial + 1;
            if (isContent)
            {
                marked.Add(sinceDenial <= NegationReach ? "!" + word : word);
            }
        }
        return marked;
    }
}
