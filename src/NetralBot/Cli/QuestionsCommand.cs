using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using NetralBot.Hosting;
using NetralBot.Storage;

namespace NetralBot.Cli;

/// <summary>`netralbot questions`: what people asked (anonymous log), newest first; --unanswered for the misses to improve the rules with.</summary>
public static class QuestionsCommand
{
    public static Command Create()
    {
        var unanswered = new Option<bool>("--unanswered") { Description = "Only questions the bot had to clarify or did not understand" };
        var limit = new Option<int>("--limit") { Description = "How many to show (newest first)", DefaultValueFactory = _ => 50 };
        var command = new Command("questions", "List the anonymous question log (question, intent, best rule, confidence, time)") { unanswered, limit };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(limit);
            if (count is < 1 or > 100_000)
            {
                Console.Error.WriteLine("--limit must be between 1 and 100000");
                return 2;
            }
            var configuration = BotHost.ReadConfiguration();
            var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
            var clock = new LocalTime(Microsoft.Extensions.Options.Options.Create(configuration.GetSection(BotOptions.SectionName).Get<BotOptions>() ?? new BotOptions()));
            var database = storage.CreateDatabase();
            database.Initialize(TimeProvider.System);
            using var log = new QuestionLog(database);
            foreach (var entry in log.Recent(count, parse.GetValue(unanswered)))
            {
                Console.Out.WriteLine(string.Join('\t',
                    clock.Format(entry.AskedAt),
                    entry.Intent,
                    entry.Confidence.ToString("0.00", CultureInfo.InvariantCulture),
                    TerminalText.Clean(entry.RuleId ?? "-"),
                    TerminalText.Clean(entry.Question ?? "(laporan: teks tidak disimpan)")));
            }
            return 0;
        });
        return command;
    }
}
