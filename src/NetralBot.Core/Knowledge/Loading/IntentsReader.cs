using NetralBot.Core.Understanding;
using YamlDotNet.RepresentationModel;

namespace NetralBot.Core.Knowledge.Loading;

/// <summary>Reads dialogs/intents.yaml, normalising every entry with the lexicon so both sides meet on the same terms.</summary>
internal sealed class IntentsReader(YamlReader yaml, Normalizer normalizer)
{
    private static readonly HashSet<string> Sections = ["greeting", "menu", "help", "thanks", "question_markers", "report", "out_of_scope", "election_words", "not_covered", "english_words", "act_patterns"];

    public IntentLexicon? Read(string text)
    {
        var root = yaml.ParseRoot(text);
        if (root is null)
        {
            return null;
        }
        yaml.RejectUnknownKeys(root, Sections, "the intents file");
        var report = yaml.Map(root, "report", required: true);
        if (report is not null)
        {
            yaml.RejectUnknownKeys(report, new HashSet<string> { "always", "situations" }, "report");
        }
        return new IntentLexicon(
            Words(root, "greeting"),
            Words(root, "menu"),
            Words(root, "help"),
            Words(root, "thanks"),
            report is null ? [] : Sets(report, "always"),
            report is null ? [] : Sets(report, "situations"),
            Words(root, "question_markers"),
            Sets(root, "out_of_scope"),
            Words(root, "election_words"),
            yaml.Map(root, "not_covered", required: true) is { } notCovered ? ReadNotCovered(notCovered) : ([], [], [], []),
            // English is recognised on the words as typed, before the lexicon translates them.
            yaml.StringList(root, "english_words", 10).Select(w => w.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal),
            ActPatterns(root));
    }

    /// <summary>A pattern word's terms; "!word" keeps its denial mark ("ga kasih izin" has "!izin").</summary>
    private IEnumerable<string> Terms(string word) =>
        word.StartsWith('!') ? normalizer.Normalize(word[1..]).Terms.Select(t => "!" + t) : normalizer.Normalize(word).AllTerms;

    /// <summary>act_patterns: a list of { rule: id, all_of: [[word, …], [word, …], …] }.</summary>
    private List<ActPattern> ActPatterns(YamlMappingNode root)
    {
        var patterns = new List<ActPattern>();
        if (yaml.Get(root, "act_patterns") is not { } node)
        {
            return patterns;
        }
        if (node is not YamlSequenceNode list)
        {
            yaml.Error(node, "'act_patterns' must be a list of { rule: …, all_of: [[…], […]] }");
            return patterns;
        }
        foreach (var item in list)
        {
            if (item is not YamlMappingNode map)
            {
                yaml.Error(item, "an act pattern must be a map with 'rule' and 'all_of'");
                continue;
            }
            yaml.RejectUnknownKeys(map, new HashSet<string> { "rule", "all_of" }, "an act pattern");
            var rule = yaml.String(map, "rule", required: true);
            if (yaml.Get(map, "all_of") is not YamlSequenceNode { Children.Count: >= 2 } groups
                || groups.Any(g => g is not YamlSequenceNode { Children.Count: > 0 }))
            {
                yaml.Error(map, "'all_of' must be a list of at least two non-empty word lists");
                continue;
            }
            var sets = groups.Cast<YamlSequenceNode>()
                .Select(g => (IReadOnlySet<string>)g.OfType<YamlScalarNode>().SelectMany(w => Terms(w.Value ?? "")).ToHashSet(StringComparer.Ordinal))
                .ToList();
            if (rule is not null)
            {
                patterns.Add(new ActPattern(rule, sets, YamlReader.Line(map)));
            }
        }
        return patterns;
    }

    private (IReadOnlyList<string[]> Topics, IReadOnlyList<string[]> Unless, IReadOnlyList<string[]> Askers, IReadOnlyList<string[]> ElectionFacts) ReadNotCovered(YamlMappingNode map)
    {
        yaml.RejectUnknownKeys(map, new HashSet<string> { "topics", "unless", "askers", "election_facts" }, "not_covered");
        // Sets, not words: "caleg" normalises to "calon legislatif", and a bare "calon" must not count.
        return (Sets(map, "topics"), Sets(map, "unless"), yaml.Get(map, "askers") is null ? [] : Sequences(map, "askers"),
            yaml.Get(map, "election_facts") is null ? [] : Sets(map, "election_facts"));
    }

    /// <summary>Entries as their normalised terms in order (stopwords kept).</summary>
    private List<string[]> Sequences(YamlMappingNode map, string key) =>
        [.. yaml.StringList(map, key, 1).Select(entry => normalizer.Normalize(entry).AllTerms.ToArray()).Where(terms => terms.Length > 0)];

    private HashSet<string> Words(YamlMappingNode map, string key) =>
        yaml.StringList(map, key, 1).SelectMany(entry => normalizer.Normalize(entry).AllTerms).ToHashSet(StringComparer.Ordinal);

    private List<string[]> Sets(YamlMappingNode map, string key)
    {
        var sets = new List<string[]>();
        foreach (var entry in yaml.StringList(map, key, 1))
        {
            var terms = normalizer.Normalize(entry).AllTerms.Distinct(StringComparer.Ordinal).ToArray();
            if (terms.Length == 0)
            {
                yaml.Error(yaml.Get(map, key)!, $"'{entry}' in '{key}' has no words left after normalisation");
                continue;
            }
            sets.Add(terms);
        }
        return sets;
    }
}
