using NetralBot.Core.Knowledge.Checks;
using static NetralBot.Core.Tests.SyntheticRules;

namespace NetralBot.Core.Tests.Knowledge;

public class KnowledgeCheckTests
{
    private static readonly Spec Sing = new("sing_song", "boleh", ["nyanyi lagu", "karaoke", "lagu daerah"], ["boleh nyanyi lagu daerah?", "karaoke di rumah boleh?", "nyanyi lagu nasional di acara"], "Menyanyikan lagu");
    private static readonly Spec Wave = new("wave_flag", "tidak_boleh", ["kibar bendera", "kibarkan bendera", "bendera partai"], ["boleh kibar bendera?", "kibarkan bendera di jalan", "bawa bendera partai lalu kibar"], "Mengibarkan bendera");

    private static IReadOnlyList<KnowledgeFinding> Check(params Spec[] rules)
    {
        var files = Files(rules);
        var content = Core.Knowledge.Loading.DialogLoader.Load(files);
        return KnowledgeCheck.Run(content, files.ToDictionary(f => f.Path, f => f.Text));
    }

    [Fact]
    public void LenientRuleWithAForbiddenActAmongItsExamples_IsAnErrorAtTheExamplesLine()
    {
        var planted = Sing with { Examples = [.. Sing.Examples, "kibarkan bendera partai sambil nyanyi boleh?"] };
        var findings = Check(planted, Wave);
        var error = Assert.Single(findings, f => f.IsError);
        Assert.Equal("rules/10-test.yaml", error.Where.File);
        var lines = Files(planted, Wave).Single(f => f.Path == "rules/10-test.yaml").Text.Split('\n');
        Assert.Contains("kibarkan bendera partai sambil nyanyi", lines[error.Where.Line - 1], StringComparison.Ordinal);
        Assert.Contains("'wave_flag'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CleanRules_HaveNoErrors()
    {
        Assert.DoesNotContain(Check(Sing, Wave), f => f.IsError);
    }

    [Fact]
    public void KeywordSharedByRulesWithDifferentVerdicts_IsAWarning()
    {
        var shared = Sing with { Keywords = [.. Sing.Keywords, "kibar bendera"] };
        var warning = Assert.Single(Check(shared, Wave), f => !f.IsError && f.Message.StartsWith("keyword", StringComparison.Ordinal));
        Assert.Contains("'sing_song' (boleh)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'wave_flag' (tidak_boleh)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RepositoryDialogs_HaveNoKnowledgeErrors()
    {
        var files = RepositoryDialogs.ReadFiles();
        var findings = KnowledgeCheck.Run(RepositoryDialogs.Content, files.ToDictionary(f => f.Path, f => f.Text));
        Assert.Empty(findings.Where(f => f.IsError).Select(f => f.ToString()));
    }
}
