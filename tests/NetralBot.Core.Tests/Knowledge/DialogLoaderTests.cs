using NetralBot.Core.Knowledge.Loading;

namespace NetralBot.Core.Tests.Knowledge;

public class DialogLoaderTests
{
    private const string RuleFile = "rules/10-media-sosial.yaml";

    private static DialogLoadException LoadWith(string path, Func<string, string> edit)
    {
        var files = RepositoryDialogs.ReadFiles();
        var index = files.FindIndex(f => f.Path == path);
        Assert.True(index >= 0, path + " exists");
        files[index] = files[index] with { Text = edit(files[index].Text) };
        return Assert.Throws<DialogLoadException>(() => DialogLoader.Load(files));
    }

    private static int LineOf(string path, string needle)
    {
        var lines = RepositoryDialogs.ReadFiles().Single(f => f.Path == path).Text.Split('\n');
        return Array.FindIndex(lines, l => l.Contains(needle, StringComparison.Ordinal)) + 1;
    }

    [Fact]
    public void Load_MalformedYaml_ReportsFileAndLine()
    {
        var ex = LoadWith(RuleFile, text => text.Replace("  - id: comment_post_candidate", "  - id: [comment_post_candidate", StringComparison.Ordinal));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(RuleFile, error.File);
        Assert.True(error.Line >= LineOf(RuleFile, "- id: comment_post_candidate"), error.ToString());
        Assert.StartsWith($"{RuleFile}:{error.Line}: not valid YAML", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingVerdict_ReportsTheRuleLine()
    {
        var ex = LoadWith(RuleFile, text => ReplaceFirst(text, "    verdict: tidak_boleh\n", ""));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("missing field 'verdict'", error.Message);
        Assert.Equal(LineOf(RuleFile, "- id: like_post_candidate") , error.Line);
    }

    [Fact]
    public void Load_DuplicateId_ReportsSecondOccurrenceAndFirst()
    {
        var ex = LoadWith(RuleFile, text => text.Replace("- id: comment_post_candidate", "- id: like_post_candidate", StringComparison.Ordinal));
        var error = Assert.Single(ex.Errors, e => e.Message.StartsWith("duplicate rule id", StringComparison.Ordinal));
        Assert.Equal(LineOf(RuleFile, "- id: comment_post_candidate"), error.Line);
        Assert.Contains($"first defined at {RuleFile}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownRelatedRule_IsRefused()
    {
        var ex = LoadWith(RuleFile, text => ReplaceFirst(text, "    related: [", "    related: [no_such_rule, "));
        Assert.Contains(ex.Errors, e => e.File == RuleFile && e.Message == "related rule 'no_such_rule' does not exist" && e.Line > 0);
    }

    [Fact]
    public void Load_MisspelledField_IsRefusedWithItsLine()
    {
        var ex = LoadWith(RuleFile, text => ReplaceFirst(text, "    verdict: tidak_boleh", "    verdik: tidak_boleh"));
        Assert.Contains(ex.Errors, e => e.Message.StartsWith("unknown field 'verdik'", StringComparison.Ordinal) && e.Line == LineOf(RuleFile, "verdict: tidak_boleh"));
    }

    [Fact]
    public void Load_ContestedRuleWithFlatBoleh_IsRefused()
    {
        const string file = "rules/20-kampanye-dan-acara.yaml";
        var ex = LoadWith(file, text => ReplaceFirst(text, "    verdict: tidak_boleh", "    verdict: boleh"));
        Assert.Contains(ex.Errors, e => e.File == file && e.Message.StartsWith("a contested rule's verdict is the safe answer", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingEnglishText_IsRefused()
    {
        var ex = LoadWith("texts.en.yaml", text => string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("fallback:", StringComparison.Ordinal) && !l.StartsWith("  Sorry, I did not", StringComparison.Ordinal) && !l.StartsWith("  Try other words", StringComparison.Ordinal) && !l.StartsWith("  To talk to a person", StringComparison.Ordinal))));
        Assert.Contains(ex.Errors, e => e.File == "texts.en.yaml" && e.Message == "missing text 'fallback'");
    }

    [Fact]
    public void Load_LexiconWordDefinedTwice_IsRefused()
    {
        var ex = LoadWith("lexicon.yaml", text => text.Replace("english:\n", "english:\n  gak: not\n", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.File == "lexicon.yaml" && e.Message.Contains("'gak' is already defined", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BadCronOrTimeZone_IsRefusedWithTheLine()
    {
        var ex = LoadWith("reminders.yaml", text => text.Replace("\"0 7 * * 1\"", "\"0 25 * * 1\"", StringComparison.Ordinal).Replace("time_zone: Asia/Jakarta", "time_zone: Europe/Paris", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.File == "reminders.yaml" && e.Line > 0 && e.Message.StartsWith("cron '0 25 * * 1' is not valid", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.File == "reminders.yaml" && e.Message.StartsWith("time_zone 'Europe/Paris' must be one of", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ReminderIdOfTheAdminsKind_IsRefused()
    {
        var ex = LoadWith("reminders.yaml", text => text.Replace("id: senin_pagi", "id: admin:1", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.File == "reminders.yaml" && e.Message.Contains("ids starting with 'admin:'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingFile_IsNamed()
    {
        var files = RepositoryDialogs.ReadFiles().Where(f => f.Path != "intents.yaml").ToList();
        var ex = Assert.Throws<DialogLoadException>(() => DialogLoader.Load(files));
        Assert.Contains(ex.Errors, e => e.File == "intents.yaml" && e.Message == "required file is missing");
    }

    private static string ReplaceFirst(string text, string oldValue, string newValue)
    {
        var at = text.IndexOf(oldValue, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{oldValue}' is in the file");
        return string.Concat(text.AsSpan(0, at), newValue, text.AsSpan(at + oldValue.Length));
    }

    [Fact]
    public void Load_ActPatternForAnUnknownRule_ReportsTheIntentsLine()
    {
        var ex = LoadWith("intents.yaml", text => text.Replace("  - rule: receive_money_gift", "  - rule: no_such_rule", StringComparison.Ordinal));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("intents.yaml", error.File);
        Assert.Equal(LineOf("intents.yaml", "  - rule: receive_money_gift"), error.Line);
        Assert.Contains("no_such_rule", error.Message, StringComparison.Ordinal);
    }
}
