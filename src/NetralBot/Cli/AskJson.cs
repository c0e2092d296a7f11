using System.Text.Json;
using NetralBot.ConsoleChat;
using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs.Guidance;
using NetralBot.Core.Knowledge;
using NetralBot.Storage;

namespace NetralBot.Cli;

/// <summary>
/// Writes one `ask --json` result: the contract fields question, intent, verdict, rule, confidence, answer (the first
/// reply exactly as sent), basis, choices; then contested, certainty, status, more (the text behind "Selengkapnya")
/// and alternatives (rules offered under the answer).
/// </summary>
public static class AskJson
{
    public static void Write(Utf8JsonWriter json, string question, StepOutcome outcome, DialogContent content)
    {
        var understood = outcome.Understood;
        var rule = understood?.Rule;
        json.WriteStartObject();
        json.WriteString("question", question);
        json.WriteString("intent", understood is null ? "greeting" : IntentNames.Of(understood.Intent));
        if (rule is null)
        {
            json.WriteNull("verdict");
            json.WriteNull("rule");
        }
        else
        {
            json.WriteString("verdict", VerdictName(rule.Verdict));
            json.WriteString("rule", rule.Id);
        }
        json.WriteNumber("confidence", Math.Round(understood?.Match.Confidence ?? 0, 4));
        json.WriteString("answer", outcome.Replies.Count == 0 ? "" : ConsoleRenderer.Render([outcome.Replies[0]]));
        json.WriteStartArray("basis");
        foreach (var basis in rule?.Basis ?? [])
        {
            json.WriteStringValue(basis);
        }
        json.WriteEndArray();
        json.WriteStartArray("choices");
        foreach (var choice in understood?.Choices ?? [])
        {
            json.WriteStringValue(choice.Id);
        }
        json.WriteEndArray();
        if (rule is not null)
        {
            json.WriteBoolean("contested", rule.Contested);
            json.WriteString("certainty", rule.Certainty.ToString().ToLowerInvariant());
        }
        json.WriteString("status", understood?.Status.ToString().ToLowerInvariant() ?? "unknown");
        if (rule is null)
        {
            json.WriteNull("more");
        }
        else
        {
            json.WriteString("more", ConsoleRenderer.Render([AnswerDetails.Compose(content, rule, outcome.State.Language)]));
        }
        json.WriteStartArray("alternatives");
        foreach (var alternative in understood?.Rule is null ? [] : understood.Offered)
        {
            json.WriteStringValue(alternative.Id);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.Boleh => "boleh",
        Verdict.TidakBoleh => "tidak_boleh",
        _ => "bersyarat",
    };
}
