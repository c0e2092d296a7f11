using NetralBot.Core.Dialogs.Guidance;
using NetralBot.Core.Dialogs.Report;
using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Tests.Dialogs;

/// <summary>The diagrams in docs/ are generated from the machines, so they never drift from the code.</summary>
public class DialogDiagramTests
{
    public static TheoryData<string> Diagrams => ["guidance-dialog.mmd", "report-dialog.mmd", "follow-up-dialog.mmd"];

    private static string Generate(string file, DialogContent content) => file switch
    {
        "guidance-dialog.mmd" => GuidanceDialog.Diagram(content),
        "report-dialog.mmd" => ReportDialog.Diagram(content),
        _ => FollowUpDialog.Diagram(content),
    };

    [Theory]
    [MemberData(nameof(Diagrams))]
    public void Diagram_InDocs_MatchesTheMachine(string file)
    {
        var path = Path.Combine(RepositoryDialogs.Folder, "..", "docs", file);
        var diagram = Generate(file, RepositoryDialogs.Content).ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (Environment.GetEnvironmentVariable("NETRALBOT_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, diagram);
        }
        Assert.True(File.Exists(path), $"docs/{file} is missing: run the tests once with NETRALBOT_UPDATE_DOCS=1");
        Assert.Equal(diagram, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }
}
