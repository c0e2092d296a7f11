using System.Globalization;
using NetralBot.Core.Understanding;
using YamlDotNet.RepresentationModel;

namespace NetralBot.Core.Knowledge.Loading;

/// <summary>
/// Validates and loads the whole dialogs folder (given as files, so Core does no I/O). Collects every problem
/// with its file and line and throws <see cref="DialogLoadException"/> if there is any.
/// </summary>
public static class DialogLoader
{
    public const string MetaFile = "meta.yaml";
    public const string LexiconFile = "lexicon.yaml";
    public const string IntentsFile = "intents.yaml";
    public const string RulesFolder = "rules";
    public const string RemindersFile = "reminders.yaml";
    public const string SegmentsFile = "segments.yaml";
    public static readonly IReadOnlyDictionary<Language, string> TextFiles = new Dictionary<Language, string>
    {
        [Language.Indonesian] = "texts.id.yaml",
        [Language.English] = "texts.en.yaml",
    };

    /// <param name="policy">When to answer, clarify or give up; the measured default unless a tuning run tries another.</param>
    public static DialogContent Load(IEnumerable<DialogFile> files, AnswerPolicy? policy = null)
    {
        var errors = new List<DialogError>();
        var byPath = new Dictionary<string, DialogFile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            byPath[file.Path.Replace('\\', '/')] = file;
        }
        var known = new HashSet<string>([MetaFile, LexiconFile, IntentsFile, RemindersFile, SegmentsFile, .. TextFiles.Values], StringComparer.Ordinal);
        foreach (var path in byPath.Keys.Where(p => !known.Contains(p) && !p.StartsWith(RulesFolder + "/", StringComparison.Ordinal)))
        {
            errors.Add(new DialogError(path, 0, $"unexpected file; expected {string.Join(", ", known.Order(StringComparer.Ordinal))} and {RulesFolder}/*.yaml"));
        }

        var reviewedOn = ReadMeta(Require(byPath, MetaFile, errors), errors);
        var lexicon = Require(byPath, LexiconFile, errors) is { } lexiconFile
            ? new LexiconReader(new YamlReader(lexiconFile.Path, errors)).Read(lexiconFile.Text)
            : null;
        var texts = new Dictionary<Language, IReadOnlyDictionary<string, string>>();
        foreach (var (language, path) in TextFiles)
        {
            if (Require(byPath, path, errors) is { } file && new TextsReader(new YamlReader(path, errors)).Read(file.Text) is { } read)
            {
                texts[language] = read;
            }
        }
        var (rules, categories) = ReadRules(byPath.Values.Where(f => f.Path.StartsWith(RulesFolder + "/", StringComparison.Ordinal)), errors);

        IntentLexicon? intents = null;
        if (lexicon is not null && Require(byPath, IntentsFile, errors) is { } intentsFile)
        {
            intents = new IntentsReader(new YamlReader(IntentsFile, errors), new Normalizer(lexicon)).Read(intentsFile.Text);
        }
        var reminders = byPath.TryGetValue(RemindersFile, out var remindersFile)
            ? new RemindersReader(new YamlReader(RemindersFile, errors)).Read(remindersFile.Text)
            : [];
        var (regencies, agencies) = byPath.TryGetValue(SegmentsFile, out var segmentsFile)
            ? ReadSegments(segmentsFile, errors)
            : ([], []);
        // A rules file that could not be read leaves its rules out: naming them here would only repeat that error.
        var rulesRead = !errors.Any(e => e.File.StartsWith(RulesFolder + "/", StringComparison.Ordinal));
        foreach (var pattern in rulesRead ? intents?.ActPatterns ?? [] : [])
        {
            if (!rules.Any(r => r.Id == pattern.RuleId))
            {
                errors.Add(new DialogError(IntentsFile, pattern.Line, $"act pattern for unknown rule '{pattern.RuleId}'"));
            }
        }
        if (errors.Count > 0 || lexicon is null || intents is null || reviewedOn is null)
        {
            throw new DialogLoadException(errors);
        }
        var understander = new QuestionUnderstander(rules, lexicon, intents, policy);
        return new DialogContent(rules, categories, new TextCatalog(texts), reviewedOn.Value, understander, reminders)
        {
            Regencies = regencies,
            Agencies = agencies,
        };
    }

    private static (List<Rule> Rules, List<Category> Categories) ReadRules(IEnumerable<DialogFile> files, List<DialogError> errors)
    {
        var rules = new List<Rule>();
        var categories = new List<Category>();
        var seen = new Dictionary<string, Rule>(StringComparer.Ordinal);
        var seenCategories = new Dictionary<string, string>(StringComparer.Ordinal);
        var relatedToCheck = new List<(Rule Rule, string Id, YamlNode Node)>();
        var invalidIds = new HashSet<string>(StringComparer.Ordinal);
        var anyUnreadable = false;
        var ordered = files.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) || f.Path.EndsWith(".yml", StringComparison.Ordinal))
            .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        if (ordered.Count == 0)
        {
            errors.Add(new DialogError(RulesFolder + "/", 0, "no rule files (rules/*.yaml) found"));
        }
        foreach (var file in ordered)
        {
            var reader = new YamlReader(file.Path, errors);
            var ruleReader = new RuleFileReader(reader);
            var (category, fileRules) = ruleReader.Read(file.Text);
            invalidIds.UnionWith(ruleReader.InvalidRuleIds);
            anyUnreadable |= ruleReader.Unreadable;
            if (category is not null)
            {
                if (seenCategories.TryGetValue(category.Id, out var otherFile))
                {
                    errors.Add(new DialogError(file.Path, 1, $"category id '{category.Id}' is already used in {otherFile}"));
                }
                seenCategories[category.Id] = file.Path;
                categories.Add(category);
            }
            foreach (var (rule, node, related) in fileRules)
            {
                if (seen.TryGetValue(rule.Id, out var first))
                {
                    reader.Error(node, $"duplicate rule id '{rule.Id}' (first defined at {first.Source})");
                    continue;
                }
                seen[rule.Id] = rule;
                rules.Add(rule);
                relatedToCheck.AddRange(related.Select(r => (rule, r.Id, r.Node)));
            }
        }
        foreach (var (rule, id, node) in relatedToCheck)
        {
            if (id == rule.Id)
            {
                errors.Add(new DialogError(rule.Source.File, YamlReader.Line(node), $"rule '{rule.Id}' lists itself in 'related'"));
            }
            else if (!seen.ContainsKey(id) && !invalidIds.Contains(id) && !anyUnreadable)
            {
                errors.Add(new DialogError(rule.Source.File, YamlReader.Line(node), $"related rule '{id}' does not exist"));
            }
        }
        return (rules, categories);
    }

    private const int MaxSegmentLength = 40;

    private static (List<string> Regencies, List<string> Agencies) ReadSegments(DialogFile file, List<DialogError> errors)
    {
        var yaml = new YamlReader(file.Path, errors);
        var root = yaml.ParseRoot(file.Text);
        if (root is null)
        {
            return ([], []);
        }
        yaml.RejectUnknownKeys(root, new HashSet<string> { "regencies", "agencies" }, "segments");
        List<string> Read(string key)
        {
            var items = yaml.StringList(root, key, 0).ToList();
            foreach (var item in items.Where(i => i.Length > MaxSegmentLength))
            {
                yaml.Error(yaml.Get(root, key)!, $"'{item}' is longer than {MaxSegmentLength} characters (it is shown on a button)");
            }
            foreach (var duplicate in items.GroupBy(i => i, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                yaml.Error(yaml.Get(root, key)!, $"'{duplicate.Key}' is listed twice in '{key}'");
            }
            return items;
        }
        return (Read("regencies"), Read("agencies"));
    }

    private static DateOnly? ReadMeta(DialogFile? file, List<DialogError> errors)
    {
        if (file is null)
        {
            return null;
        }
        var yaml = new YamlReader(file.Path, errors);
        var root = yaml.ParseRoot(file.Text);
        if (root is null)
        {
            return null;
        }
        yaml.RejectUnknownKeys(root, new HashSet<string> { "reviewed_on" }, "meta");
        var text = yaml.String(root, "reviewed_on", required: true);
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        yaml.Error(yaml.Get(root, "reviewed_on")!, $"reviewed_on '{text}' must be a date written YYYY-MM-DD");
        return null;
    }

    private static DialogFile? Require(Dictionary<string, DialogFile> files, string path, List<DialogError> errors)
    {
        if (files.TryGetValue(path, out var file))
        {
            return file;
        }
        errors.Add(new DialogError(path, 0, "required file is missing"));
        return null;
    }
}
