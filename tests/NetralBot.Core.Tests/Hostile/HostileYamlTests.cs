using NetralBot.Core.Knowledge.Loading;

namespace NetralBot.Core.Tests.Hostile;

/// <summary>Dialogs files crafted to take the loader down (issue 10): they must end in file:line errors.</summary>
public class HostileYamlTests
{
    private const string HostileFile = "rules/99-hostile.yaml";
    private const int Levels = 50_000;

    public static TheoryData<string, string> DeepFiles => new()
    {
        { "flow lists", "rules: " + new string('[', Levels) + new string(']', Levels) + "\n" },
        { "flow sections", "rules: " + string.Concat(Enumerable.Repeat("{a: ", Levels)) + "x" + new string('}', Levels) + "\n" },
        { "block lists on one line", "rules:\n" + string.Concat(Enumerable.Repeat("- ", Levels)) + "x\n" },
    };

    [Theory]
    [MemberData(nameof(DeepFiles))]
    public void Issue10_RuleFileNested50000LevelsDeep_IsRefusedWithFileAndLine(string shape, string text)
    {
        var files = RepositoryDialogs.ReadFiles();
        files.Add(new DialogFile(HostileFile, text));

        var ex = Assert.Throws<DialogLoadException>(() => DialogLoader.Load(files));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(HostileFile, error.File);
        Assert.True(error.Line >= 1, shape + ": " + error);
        Assert.Contains("nested more than 64 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NestingWithinTheLimit_IsReadAsUsual()
    {
        var files = RepositoryDialogs.ReadFiles();
        files.Add(new DialogFile(HostileFile, "rules: " + new string('[', 60) + new string(']', 60) + "\n"));

        var ex = Assert.Throws<DialogLoadException>(() => DialogLoader.Load(files));

        Assert.Contains(ex.Errors, e => e.File == HostileFile && !e.Message.Contains("nested", StringComparison.Ordinal));
    }
}
