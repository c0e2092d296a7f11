using NetralBot.Core.Dialogs.Guidance;

namespace NetralBot.Core.Tests.Dialogs;

/// <summary>docs/guidance-dialog.mmd is generated from the machine, so the diagram never drifts from the code.</summary>
public class DialogDiagramTests
{
    [Fact]
    public void Diagram_InDocs_MatchesTheMachine()
    {
        var path = Path.Combine(RepositoryDialogs.Folder, "..", "docs", "guidance-dialog.mmd");
        var diagram = GuidanceDialog.Diagram(RepositoryDialogs.Content).ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (Environment.GetEnvironmentVariable("NETRALBOT_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, diagram);
        }
        Assert.True(File.Exists(path), "docs/guidance-dialog.mmd is missing: run the tests once with NETRALBOT_UPDATE_DOCS=1");
        Assert.Equal(diagram, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }
}
