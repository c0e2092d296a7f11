using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace NetralBot.Core.Knowledge.Loading;

/// <summary>Reads one dialogs/rules/*.yaml file: its category and its rules, checking every field.</summary>
internal sealed partial class RuleFileReader(YamlReader yaml)
{
    private const int MaxTitleLength = 80;

    private static readonly HashSet<string> FileKeys = ["category", "rules"];
    private static readonly HashSet<string> CategoryKeys = ["id", "title", "title_en"];
    private static readonly HashSet<string> RuleKeys =
    [
        "id", "title", "verdict", "certainty", "contested", "short", "explanation", "conditions", "views", "basis",
        "sanction", "covers", "when", "note", "keywords", "examples", "related", "en",
    ];
    /// <summary>The short answer and each sanction are shown in the first reply, which should stay near 600 characters.</summary>
    private const int MaxFirstReplyPartLength = 260;

    private static readonly HashSet<string> EnglishKeys = ["title", "short", "explanation", "conditions", "views", "sanction", "when", "note"];
    private static readonly HashSet<string> SanctionKeys = ["general", "pns", "pppk", "ppnpn"];
    private static readonly HashSet<string> ViewKeys = ["by", "says"];

    /// <summary>Ids of rules that had errors: other rules may still refer to them without a second error.</summary>
    public List<string> InvalidRuleIds { get; } = [];

    /// <summary>True when the file is not YAML at all, so its rule ids are unknown.</summary>
    public bool Unreadable { get; private set; }

    public (Category? Category, List<(Rule Rule, YamlNode Node, IReadOnlyList<(string Id, YamlNode Node)> Related)> Rules) Read(string text)
    {
        var rules = new List<(Rule, YamlNode, IReadOnlyList<(string, YamlNode)>)>();
        var root = yaml.ParseRoot(text);
        if (root is null)
        {
            Unreadable = true;
            return (null, rules);
        }
        yaml.RejectUnknownKeys(root, FileKeys, "a rules file");
        var categoryNode = yaml.Map(root, "category", required: true);
        string? categoryId = null, title = null, titleEn = null;
        if (categoryNode is not null)
        {
            yaml.RejectUnknownKeys(categoryNode, CategoryKeys, "category");
            categoryId = Id(categoryNode);
            title = yaml.String(categoryNode, "title", required: true);
            titleEn = yaml.String(categoryNode, "title_en", required: true);
        }

        if (yaml.Get(root, "rules") is not YamlSequenceNode ruleNodes || ruleNodes.Children.Count == 0)
        {
            yaml.Error(yaml.Get(root, "rules") ?? root, "'rules' must be a non-empty list of rules");
            return (null, rules);
        }
        foreach (var node in ruleNodes)
        {
            if (node is not YamlMappingNode map)
            {
                yaml.Error(node, "each rule must be a section of key: value lines");
                continue;
            }
            if (ReadRule(map, categoryId ?? "") is { } read)
            {
                rules.Add((read.Rule, map, read.Related));
            }
            else if (yaml.Get(map, "id") is YamlScalarNode { Value: { } invalidId })
            {
                InvalidRuleIds.Add(invalidId.Trim());
            }
        }
        var category = categoryId is null || title is null || titleEn is null
            ? null
            : new Category(categoryId, title, titleEn, [.. rules.Select(r => r.Item1.Id)]);
        return (category, rules);
    }

    private (Rule Rule, IReadOnlyList<(string, YamlNode)> Related)? ReadRule(YamlMappingNode map, string categoryId)
    {
        yaml.RejectUnknownKeys(map, RuleKeys, "a rule");
        var id = Id(map);
        var verdict = Enum<Verdict>(map, "verdict", v => v switch
        {
            "boleh" => Verdict.Boleh,
            "tidak_boleh" => Verdict.TidakBoleh,
            "bersyarat" => Verdict.Bersyarat,
            _ => null,
        }, "boleh, tidak_boleh, bersyarat");
        var certainty = Enum<Certainty>(map, "certainty", v => v switch
        {
            "tinggi" => Certainty.Tinggi,
            "sedang" => Certainty.Sedang,
            "rendah" => Certainty.Rendah,
            _ => null,
        }, "tinggi, sedang, rendah");
        var contested = Bool(map, "contested");
        var indonesian = ReadText(map, "", mustHaveTitle: true);
        var basis = yaml.StringList(map, "basis", 1);
        var covers = ReadCovers(map);
        var keywords = yaml.StringList(map, "keywords", 3);
        var examples = yaml.StringList(map, "examples", 3);
        var relatedNode = yaml.Get(map, "related");
        var related = yaml.StringList(map, "related", 1);
        if (related.Count > 3 && relatedNode is not null)
        {
            yaml.Error(relatedNode, $"'related' may list at most 3 rules, found {related.Count}");
        }
        var englishNode = yaml.Map(map, "en", required: true);
        var english = englishNode is null ? null : ReadEnglish(englishNode, indonesian);

        if (verdict == Verdict.Bersyarat && indonesian is { Conditions.Count: 0 })
        {
            yaml.Error(map, "a 'bersyarat' rule needs 'conditions' (at least one)");
        }
        if (contested && verdict == Verdict.Boleh)
        {
            yaml.Error(map, "a contested rule's verdict is the safe answer, 'tidak_boleh' or 'bersyarat', never a flat 'boleh'");
        }
        if (contested && indonesian is not null && indonesian.Views.Count < 2)
        {
            yaml.Error(map, "a contested rule needs 'views' with at least two positions");
        }
        if (id is null || verdict is null || certainty is null || indonesian is null || english is null)
        {
            return null;
        }
        var rule = new Rule(id, categoryId, verdict.Value, certainty.Value, contested, basis, covers, keywords, examples,
            related, indonesian, english, new SourceLocation(yaml.File, YamlReader.Line(map)));
        var relatedItems = relatedNode is YamlSequenceNode seq
            ? seq.Children.OfType<YamlScalarNode>().Where(n => n.Value is not null).Select(n => (n.Value!.Trim(), (YamlNode)n)).ToList()
            : [];
        return (rule, relatedItems);
    }

    private RuleText? ReadEnglish(YamlMappingNode map, RuleText? indonesian)
    {
        yaml.RejectUnknownKeys(map, EnglishKeys, "en");
        var english = ReadText(map, "en.", mustHaveTitle: true);
        if (english is null || indonesian is null)
        {
            return null;
        }
        if (english.Conditions.Count != indonesian.Conditions.Count)
        {
            yaml.Error(map, $"en.conditions has {english.Conditions.Count} item(s) but conditions has {indonesian.Conditions.Count}");
        }
        if (english.Views.Count != indonesian.Views.Count)
        {
            yaml.Error(map, $"en.views has {english.Views.Count} item(s) but views has {indonesian.Views.Count}");
        }
        return english;
    }

    private RuleText? ReadText(YamlMappingNode map, string prefix, bool mustHaveTitle)
    {
        var title = yaml.String(map, "title", mustHaveTitle);
        if (title is not null && title.Length > MaxTitleLength && yaml.Get(map, "title") is { } titleNode)
        {
            yaml.Error(titleNode, $"{prefix}title is {title.Length} characters; keep it at most {MaxTitleLength} (it is shown on buttons)");
        }
        var shortText = yaml.String(map, "short", required: true);
        RejectLong(map, "short", shortText, prefix, "the answer in one or two sentences; the why goes in 'explanation'");
        var explanation = yaml.String(map, "explanation", required: true);
        var conditions = yaml.StringList(map, "conditions", 0);
        var views = ReadViews(map);
        var sanctionNode = yaml.Map(map, "sanction", required: true);
        Sanction? sanction = null;
        if (sanctionNode is not null)
        {
            yaml.RejectUnknownKeys(sanctionNode, SanctionKeys, prefix + "sanction");
            var general = yaml.String(sanctionNode, "general", required: true);
            var pns = yaml.String(sanctionNode, "pns", false);
            var pppk = yaml.String(sanctionNode, "pppk", false);
            var ppnpn = yaml.String(sanctionNode, "ppnpn", false);
            foreach (var (key, value) in new[] { ("general", general), ("pns", pns), ("pppk", pppk), ("ppnpn", ppnpn) })
            {
                RejectLong(sanctionNode, key, value, prefix + "sanction.", "name the level and the regulation; what each discipline level means is shown once, behind 'Selengkapnya'");
            }
            sanction = general is null ? null : new Sanction(general, pns, pppk, ppnpn);
        }
        var when = yaml.String(map, "when", false);
        var note = yaml.String(map, "note", false);
        return title is null || shortText is null || explanation is null || sanction is null
            ? null
            : new RuleText(title, shortText, explanation, conditions, views, sanction, when, note);
    }

    /// <summary>The first reply (verdict, short answer, main basis, sanction) must fit a phone screen.</summary>
    private void RejectLong(YamlMappingNode map, string key, string? value, string prefix, string hint)
    {
        if (value is not null && value.Length > MaxFirstReplyPartLength && yaml.Get(map, key) is { } node)
        {
            yaml.Error(node, $"{prefix}{key} is {value.Length} characters; keep it at most {MaxFirstReplyPartLength} ({hint})");
        }
    }

    private List<View> ReadViews(YamlMappingNode map)
    {
        var views = new List<View>();
        var node = yaml.Get(map, "views");
        if (node is null)
        {
            return views;
        }
        if (node is not YamlSequenceNode sequence)
        {
            yaml.Error(node, "'views' must be a list of {by, says}");
            return views;
        }
        foreach (var item in sequence)
        {
            if (item is not YamlMappingNode viewMap)
            {
                yaml.Error(item, "each view needs 'by' and 'says'");
                continue;
            }
            yaml.RejectUnknownKeys(viewMap, ViewKeys, "a view");
            var by = yaml.String(viewMap, "by", required: true);
            var says = yaml.String(viewMap, "says", required: true);
            if (by is not null && says is not null)
            {
                views.Add(new View(by, says));
            }
        }
        return views;
    }

    private List<AskerStatus> ReadCovers(YamlMappingNode map)
    {
        var covers = new List<AskerStatus>();
        var node = yaml.Get(map, "covers");
        foreach (var value in yaml.StringList(map, "covers", 1))
        {
            AskerStatus? status = value.ToLowerInvariant() switch
            {
                "pns" => AskerStatus.Pns,
                "pppk" => AskerStatus.Pppk,
                "ppnpn" => AskerStatus.Ppnpn,
                _ => null,
            };
            if (status is null)
            {
                yaml.Error(node!, $"'covers' has '{value}'; use pns, pppk or ppnpn");
            }
            else
            {
                covers.Add(status.Value);
            }
        }
        return covers;
    }

    private string? Id(YamlMappingNode map)
    {
        var id = yaml.String(map, "id", required: true);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            yaml.Error(yaml.Get(map, "id")!, $"id '{id}' must be lowercase letters, digits and underscores, starting with a letter, at most 40 characters");
            return null;
        }
        return id;
    }

    private T? Enum<T>(YamlMappingNode map, string key, Func<string, T?> parse, string allowed)
        where T : struct
    {
        var text = yaml.String(map, key, required: true);
        if (text is null)
        {
            return null;
        }
        var value = parse(text.ToLowerInvariant());
        if (value is null)
        {
            yaml.Error(yaml.Get(map, key)!, $"'{key}' is '{text}'; use one of: {allowed}");
        }
        return value;
    }

    private bool Bool(YamlMappingNode map, string key)
    {
        var text = yaml.String(map, key, required: false);
        switch (text?.ToLowerInvariant())
        {
            case null or "false" or "no" or "tidak":
                return false;
            case "true" or "yes" or "ya":
                return true;
            default:
                yaml.Error(yaml.Get(map, key)!, $"'{key}' must be true or false");
                return false;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex IdPattern();
}
