using System.CommandLine;
using System.Globalization;
using System.Text;
using NetralBot.Core.Evaluation;
using NetralBot.Dialogs;

namespace NetralBot.Cli;

/// <summary>
/// `netralbot evaluate --set FILE [--report DIR]`: runs a labelled question set through the bot and prints what
/// users would see in figures — verdict accuracy first, then rules, clarifying, intents and dangerous answers.
/// Dialog editors run it after every edit; exit 1 when the set itself is malformed.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var set = new Option<FileInfo[]>("--set") { Description = "Labelled set(s): label<TAB>verdict<TAB>question per line", Required = true, AllowMultipleArgumentsPerToken = true };
        var report = new Option<DirectoryInfo?>("--report") { Description = "Also write confusion.csv, confusion.png and errors.csv into this folder" };
        var command = new Command("evaluate", "Measure answers on a labelled question set: verdict accuracy, clarify rate, dangerous answers, …") { set, report };
        command.SetAction(parse =>
        {
            var content = DialogFolder.Load(DialogFolder.Resolve(parse.GetValue(CommonOptions.Dialogs)));
            var cases = new List<LabelledQuestion>();
            var errors = new List<string>();
            foreach (var file in parse.GetValue(set)!)
            {
                if (!file.Exists)
                {
                    errors.Add($"{file.FullName}: file not found");
                    continue;
                }
                var (read, problems) = LabelledSetReader.Read(file.Name, File.ReadAllText(file.FullName, Encoding.UTF8), content);
                cases.AddRange(read);
                errors.AddRange(problems);
            }
            if (errors.Count > 0)
            {
                errors.ForEach(Console.Error.WriteLine);
                return 1;
            }
            var result = Evaluator.Run(content, cases);
            Console.OutputEncoding = Encoding.UTF8;
            EvaluationSummary.Write(Console.Out, result);
            if (parse.GetValue(report) is { } folder)
            {
                folder.Create();
                EvaluationFiles.Write(folder.FullName, result);
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Report written to {folder.FullName} (confusion.csv, confusion.png, errors.csv)."));
            }
            return 0;
        });
        return command;
    }
}
