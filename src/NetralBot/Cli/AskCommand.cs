using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Configuration;
using NetralBot.ConsoleChat;
using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs;
using NetralBot.Core.Knowledge;
using NetralBot.Dialogs;
using NetralBot.Hosting;

namespace NetralBot.Cli;

/// <summary>
/// `netralbot ask "pertanyaan"` prints the answer as a person would see it; `ask --json` reads one question per
/// line from stdin and writes one JSON object per line, in order. No database: each question is a fresh conversation.
/// </summary>
public static class AskCommand
{
    public static Command Create()
    {
        var question = new Argument<string?>("question") { Arity = ArgumentArity.ZeroOrOne, Description = "The question; omit it with --json to read questions from standard input" };
        var json = new Option<bool>("--json") { Description = "Write one JSON object per question (reads one question per line from standard input when no question is given)" };
        var language = new Option<string>("--lang") { Description = "Answer language: id or en", DefaultValueFactory = _ => "id" };
        var command = new Command("ask", "Answer questions without a chat: one as text, or many as JSON lines") { question, json, language };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var content = DialogFolder.Load(DialogFolder.Resolve(parse.GetValue(CommonOptions.Dialogs)));
            var bot = BotHost.CreateBuilder().Configuration.GetSection(BotOptions.SectionName).Get<BotOptions>() ?? new BotOptions();
            var settings = new DialogSettings(bot.HumanContact);
            if (LanguageCodes.Parse(parse.GetValue(language)) is not { } lang)
            {
                await Console.Error.WriteLineAsync("--lang must be id or en").ConfigureAwait(false);
                return 2;
            }
            var single = parse.GetValue(question);
            if (!parse.GetValue(json))
            {
                if (string.IsNullOrWhiteSpace(single))
                {
                    await Console.Error.WriteLineAsync("Give a question, e.g. netralbot ask \"boleh like postingan caleg?\", or use --json with questions on standard input.").ConfigureAwait(false);
                    return 2;
                }
                Console.OutputEncoding = Encoding.UTF8;
                Console.Out.WriteLine(ConsoleRenderer.Render(Answer(content, settings, lang, single).Replies));
                return 0;
            }
            await WriteJsonLinesAsync(content, settings, lang, single, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static StepOutcome Answer(DialogContent content, DialogSettings settings, Language language, string text) =>
        ConversationDialog.Step(content, settings, DialogInputs.GuidanceOnly(DateTimeOffset.UtcNow), ConversationState.New(language), new InboundMessage("cli", "ask", text));

    private static async Task WriteJsonLinesAsync(DialogContent content, DialogSettings settings, Language language, string? single, CancellationToken cancellationToken)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        await using var output = Console.OpenStandardOutput();
        var writerOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var buffer = new MemoryStream();
        var newline = utf8.GetBytes("\n");

        async Task EmitAsync(string line)
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer, writerOptions))
            {
                AskJson.Write(json, line, Answer(content, settings, language, line), content);
            }
            buffer.Write(newline);
            await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
        }

        if (!string.IsNullOrWhiteSpace(single))
        {
            await EmitAsync(single).ConfigureAwait(false);
            return;
        }
        using var input = new StreamReader(Console.OpenStandardInput(), utf8, detectEncodingFromByteOrderMarks: true);
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            await EmitAsync(line.TrimStart('\uFEFF')).ConfigureAwait(false);
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
