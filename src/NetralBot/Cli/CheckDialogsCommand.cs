using System.CommandLine;
using NetralBot.Dialogs;

namespace NetralBot.Cli;

/// <summary>`netralbot check-dialogs`: validates the dialogs folder, printing file:line for every problem.</summary>
public static class CheckDialogsCommand
{
    public static Command Create()
    {
        var command = new Command("check-dialogs", "Validate the dialogs folder (rules, texts, lexicon) and report problems with file and line");
        command.SetAction(parse =>
        {
            var folder = DialogFolder.Resolve(parse.GetValue(CommonOptions.Dialogs));
            var content = DialogFolder.Load(folder); // throws DialogLoadException, printed by Program
            Console.Out.WriteLine($"OK: {folder}: {content.RuleList.Count} rules in {content.Categories.Count} topics, reviewed on {content.ReviewedOn:yyyy-MM-dd}.");
            return 0;
        });
        return command;
    }
}
