using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using NetralBot.Statistics;

namespace NetralBot.Cli;

/// <summary>`netralbot stats [--from --to] [--out DIR]`: a short summary, and stats.png plus CSV counts for a period (default: the last 7 days).</summary>
public static class StatsCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = "First day (yyyy-MM-dd, local time; default: 6 days before --to)" };
        var to = new Option<string?>("--to") { Description = "Last day (yyyy-MM-dd, local time; default: today)" };
        var output = new Option<string>("--out") { Description = "Folder for stats.png and the CSV files", DefaultValueFactory = _ => "stats" };
        var command = new Command("stats", "Statistics as a picture and CSV: questions per day, topics and rules, unanswered questions, tips (counts only), subscribers, broadcast delivery")
        {
            from, to, output,
        };
        command.SetAction(parse =>
        {
            var folder = DialogFolder.Resolve(parse.GetValue(CommonOptions.Dialogs));
            var builder = BotHost.CreateBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddBot(folder, DialogFolder.Load(folder));
            using var host = builder.Build();
            var reports = host.Services.GetRequiredService<StatisticsReports>();
            if (!TryDate(parse.GetValue(to), reports.Today, out var last) || !TryDate(parse.GetValue(from), last.AddDays(-6), out var first))
            {
                Console.Error.WriteLine("--from and --to are dates written yyyy-MM-dd, e.g. 2026-11-23");
                return 2;
            }
            if (first > last || last.DayNumber - first.DayNumber > 366)
            {
                Console.Error.WriteLine("--from must not be after --to, and the period at most a year");
                return 2;
            }
            var report = reports.Build(first, last, reports.DefaultLanguage);
            var written = StatisticsFiles.Write(parse.GetValue(output)!, report);
            Console.OutputEncoding = Encoding.UTF8;
            Console.Out.WriteLine(TerminalText.Clean(report.Text(5).Replace("**", "", StringComparison.Ordinal)));
            Console.Error.WriteLine($"Wrote {written.Count} files to {Path.GetFullPath(parse.GetValue(output)!)} (stats.png and CSV counts).");
            return 0;
        });
        return command;
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        date = fallback;
        return text is null || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
