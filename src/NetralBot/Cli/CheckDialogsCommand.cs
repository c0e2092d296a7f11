using System.CommandLine;
using NetralBot.Core.Knowledge.Checks;
using NetralBot.Dialogs;

namespace NetralBot.Cli;

/// <summary>
/// `netralbot check-dialogs`: validates the dialogs folder, printing file:line for every problem, then checks the
/// rules against each other (leave-one-out on every example, keywords shared across verdicts). Exit 1 on any error.
/// </summary>
public static class CheckDialogsCommand
{
    public static Command Create()
    {
        var command = new Command("check-dialogs", "Validate the dialogs folder (rules, texts, lexicon) and report problems with file and line");
        command.SetAction(parse =>
        {
            var folder = DialogFolder.Resolve(parse.GetValue(CommonOptions.Dialogs));
            var files = DialogFolder.Read(folder);
            var content = Core.Knowledge.Loading.DialogLoader.Load(files); // throws DialogLoadException, printed by Program
            var findings = KnowledgeCheck.Run(content, files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal));
            foreach (var finding in findings.OrderBy(f => f.Where.File, StringComparer.Ordinal).ThenBy(f => f.Where.Line))
            {
                Console.Out.WriteLine(finding.ToString());
            }
            var errors = findings.Count(f => f.IsError);
            var warnings = findings.Count - errors;
            if (errors > 0)
            {
                Console.Out.WriteLine($"{errors} error(s), {warnings} warning(s) in {folder}.");
                return 1;
            }
            Console.Out.WriteLine($"OK: {folder}: {content.RuleList.Count} rules in {content.Categories.Count} topics, reviewed on {content.ReviewedOn:yyyy-MM-dd}; {warnings} warning(s).");
            return 0;
        });
        return command;
    }
}
