using YamlDotNet.RepresentationModel;

namespace NetralBot.Core.Knowledge.Loading;

/// <summary>Reads one dialogs/texts.LANG.yaml: every key in <see cref="TextKey.All"/> is required, no other key is allowed.</summary>
internal sealed class TextsReader(YamlReader yaml)
{
    public Dictionary<string, string>? Read(string text)
    {
        var root = yaml.ParseRoot(text);
        if (root is null)
        {
            return null;
        }
        yaml.RejectUnknownKeys(root, TextKey.All.ToHashSet(StringComparer.Ordinal), "texts");
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in TextKey.All)
        {
            var node = yaml.Get(root, key);
            if (node is null)
            {
                yaml.Error(root, $"missing text '{key}'");
            }
            else if (node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
            {
                texts[key] = value.TrimEnd();
            }
            else
            {
                yaml.Error(node, $"text '{key}' must be a non-empty text");
            }
        }
        return texts;
    }
}
