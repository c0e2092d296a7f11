using NetralBot.Core.Understanding;
using YamlDotNet.RepresentationModel;

namespace NetralBot.Core.Knowledge.Loading;

/// <summary>Reads dialogs/lexicon.yaml into a <see cref="Lexicon"/>.</summary>
internal sealed class LexiconReader(YamlReader yaml)
{
    private static readonly string[] WordTables = ["slang", "english", "javanese", "synonyms"];
    private static readonly HashSet<string> Sections = ["phrases", "emoji", "slang", "english", "javanese", "synonyms", "numbers", "stopwords", "status"];

    public Lexicon? Read(string text)
    {
        var root = yaml.ParseRoot(text);
        if (root is null)
        {
            return null;
        }
        yaml.RejectUnknownKeys(root, Sections, "the lexicon");
        var words = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in WordTables)
        {
            foreach (var (key, value, node) in Pairs(root, table))
            {
                if (firstSeen.TryGetValue(key, out var other))
                {
                    yaml.Error(node, $"'{key}' is already defined in '{other}'");
                    continue;
                }
                firstSeen[key] = table;
                words[key] = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
        }
        var phrases = Pairs(root, "phrases").ToDictionary(p => string.Join(' ', p.Key.Split(' ', StringSplitOptions.RemoveEmptyEntries)), p => p.Value, StringComparer.Ordinal);
        var emoji = Pairs(root, "emoji").ToDictionary(p => Normalizer.StripModifiers(p.Key), p => p.Value, StringComparer.Ordinal);
        var numbers = Pairs(root, "numbers").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var stopwords = yaml.StringList(root, "stopwords", 1).Select(s => s.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var status = ReadStatus(root);
        return new Lexicon(phrases, emoji, words, numbers, stopwords, status);
    }

    private Dictionary<string, AskerStatus> ReadStatus(YamlMappingNode root)
    {
        var result = new Dictionary<string, AskerStatus>(StringComparer.Ordinal);
        var map = yaml.Map(root, "status", required: true);
        if (map is null)
        {
            return result;
        }
        yaml.RejectUnknownKeys(map, new HashSet<string> { "pns", "pppk", "ppnpn" }, "status");
        foreach (var (key, status) in new[] { ("pns", AskerStatus.Pns), ("pppk", AskerStatus.Pppk), ("ppnpn", AskerStatus.Ppnpn) })
        {
            foreach (var word in yaml.StringList(map, key, 1))
            {
                result[word.ToLowerInvariant()] = status;
            }
        }
        return result;
    }

    private IEnumerable<(string Key, string Value, YamlNode Node)> Pairs(YamlMappingNode root, string section)
    {
        var map = yaml.Map(root, section, required: false);
        if (map is null)
        {
            yield break;
        }
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value?.Trim().ToLowerInvariant();
            var value = (valueNode as YamlScalarNode)?.Value?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(key) || value is null)
            {
                yaml.Error(keyNode, $"every entry of '{section}' must be 'word: replacement'");
                continue;
            }
            if (key == value)
            {
                yaml.Error(keyNode, $"'{key}' maps to itself in '{section}'");
                continue;
            }
            yield return (key, value, keyNode);
        }
    }
}
