using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Admin;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Tips;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using NetralBot.Storage;

namespace NetralBot.Cli;

/// <summary>`netralbot tips list|show|export`: the reviewers' view from the command line; every use is audited as "cli".</summary>
public static class TipsCommand
{
    private const string Admin = "cli";

    public static Command Create()
    {
        var status = new Option<TipStatus?>("--status") { Description = "Only tips with this status" };
        var category = new Option<TipCategory?>("--category") { Description = "Only tips of this category" };
        var limit = new Option<int>("--limit") { Description = "How many, newest first", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "List tips, newest first") { status, category, limit };
        list.SetAction(parse => WithReview(parse, (review, clock, _) =>
        {
            foreach (var tip in review.List(Admin, parse.GetValue(status), parse.GetValue(category), Math.Clamp(parse.GetValue(limit), 1, 10_000)))
            {
                Console.Out.WriteLine(string.Join('\t', tip.Id, clock.Format(tip.CreatedAt), tip.Category, tip.Status));
            }
            return 0;
        }));

        var id = new Argument<long>("id") { Description = "The tip number" };
        var filesFolder = new Option<string?>("--files") { Description = "Also write the tip's evidence files (decrypted) into this folder" };
        var show = new Command("show", "Show one tip, decrypted") { id, filesFolder };
        show.SetAction(parse => WithReview(parse, (review, _, csv) =>
        {
            var tipId = parse.GetValue(id);
            if (review.Open(Admin, tipId) is not { } tip)
            {
                Console.Error.WriteLine($"There is no tip number {tipId}.");
                return 1;
            }
            WriteToTerminal(writer => csv(writer, [tip]));
            if (parse.GetValue(filesFolder) is { } folder)
            {
                Directory.CreateDirectory(folder);
                var files = review.Files(Admin, tipId) ?? [];  // the tip was just opened
                for (var i = 0; i < files.Count; i++)
                {
                    var file = TipCommands.EvidenceFile(tipId, i + 1, files[i]);
                    File.WriteAllBytes(Path.Combine(folder, file.Name), file.Content);
                }
                Console.Error.WriteLine($"Wrote {files.Count} evidence file(s) to {Path.GetFullPath(folder)}.");
            }
            return 0;
        }));

        var format = new Option<string>("--format") { Description = "Export format (csv)", DefaultValueFactory = _ => "csv" };
        var output = new Option<string?>("--out") { Description = "File to write (default: standard output)" };
        var export = new Command("export", "Export every tip, decrypted, as CSV (for forwarding to Bawaslu/BKN/Inspektorat)") { format, output };
        export.SetAction(parse => WithReview(parse, (review, _, csv) =>
        {
            if (!string.Equals(parse.GetValue(format), "csv", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine("--format must be csv");
                return 2;
            }
            var tips = review.Export(Admin);
            if (parse.GetValue(output) is { } path)
            {
                using var file = new StreamWriter(path, append: false, new UTF8Encoding(true));
                csv(file, tips);
                Console.Error.WriteLine($"Wrote {tips.Count} tip(s) to {Path.GetFullPath(path)}. It holds decrypted reports: keep it safe.");
            }
            else
            {
                WriteToTerminal(writer => csv(writer, tips));
            }
            return 0;
        }));

        return new Command("tips", "Review anonymous tips (list, show, export)") { list, show, export };
    }

    // Tips are what strangers wrote: printed, their control sequences could rewrite the reviewer's terminal.
    private static void WriteToTerminal(Action<TextWriter> write)
    {
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        write(buffer);
        Console.Out.Write(TerminalText.Clean(buffer.ToString()));
    }

    /// <summary>Runs the action with the reviewers' store, the local clock and a CSV writer labelling in Bot:DefaultLanguage.</summary>
    private static int WithReview(ParseResult parse, Func<TipReview, LocalTime, Action<TextWriter, IEnumerable<TipReview.Details>>, int> action)
    {
        var folder = DialogFolder.Resolve(parse.GetValue(CommonOptions.Dialogs));
        var builder = BotHost.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBot(folder, DialogFolder.Load(folder));
        using var host = builder.Build();
        Console.OutputEncoding = Encoding.UTF8;
        var clock = host.Services.GetRequiredService<LocalTime>();
        var content = host.Services.GetRequiredService<DialogsProvider>().Current;
        var language = LanguageCodes.Parse(host.Services.GetRequiredService<IOptions<BotOptions>>().Value.DefaultLanguage) ?? Language.Indonesian;
        return action(host.Services.GetRequiredService<TipReview>(), clock, (writer, tips) => TipCsv.Write(writer, tips, clock, content, language));
    }
}
