namespace NetralBot.Tests.Hostile;

/// <summary>The questions and tips commands print what strangers typed: no terminal control sequence gets through (issue 10).</summary>
public class TerminalOutputTests
{
    // Set the window title, clear the screen, move the cursor, ring the bell, write to the clipboard (OSC 52), CSI as C1, bidi override.
    private const string Hostile = "boleh\u001b]0;PWNED\u0007 like\u001b[2J\u001b[H caleg\u001b]52;c;cm0gLXJmIH4=\u0007 \u009b31m \u202Egnp.exe";

    [Fact]
    public async Task Issue10_QuestionsAndTipsCommands_StripControlSequencesFromUserText()
    {
        using var cli = new CliRunner();
        var chat = string.Join("\n", Hostile, "/lapor", "1", "5", "Lurah" + Hostile, "Kelurahan Contoh", "Kota Contoh", "1", "kemarin",
            "Lurah Contoh membagikan amplop berisi uang kepada warga. " + Hostile, "selesai", "1") + "\n";
        Assert.Equal(0, (await cli.RunAsync(chat, "chat", "--dialogs", CliRunner.RepositoryDialogs)).ExitCode);

        var questions = await cli.RunAsync("", "questions");
        var show = await cli.RunAsync("", "tips", "show", "1", "--dialogs", CliRunner.RepositoryDialogs);
        var export = await cli.RunAsync("", "tips", "export", "--format", "csv", "--dialogs", CliRunner.RepositoryDialogs);

        Assert.Contains("PWNED", questions.Stdout, StringComparison.Ordinal); // the text is shown...
        Assert.Contains("membagikan amplop", show.Stdout, StringComparison.Ordinal);
        foreach (var output in new[] { questions.Stdout, show.Stdout, export.Stdout })
        {
            // ...but nothing in it can act on the terminal.
            Assert.DoesNotContain(output, c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
            Assert.DoesNotContain('\u202E', output);
        }
    }
}
