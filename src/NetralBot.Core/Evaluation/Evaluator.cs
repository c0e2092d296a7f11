using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Understanding;

namespace NetralBot.Core.Evaluation;

/// <summary>
/// Runs labelled questions through the real dialog step, each as the first message of a new conversation, and
/// records what a person would have read.
/// </summary>
public static class Evaluator
{
    public const string ClarifyLabel = "(clarify)";

    public static EvaluationReport Run(DialogContent content, IReadOnlyList<LabelledQuestion> cases)
    {
        var settings = new DialogSettings("BKPSDM");
        var inputs = DialogInputs.GuidanceOnly(DateTimeOffset.UnixEpoch);
        var results = new List<CaseResult>(cases.Count);
        foreach (var labelled in cases)
        {
            var outcome = ConversationDialog.Step(content, settings, inputs, ConversationState.New(Language.Indonesian),
                new InboundMessage("eval", "eval", labelled.Question));
            var understood = outcome.Understood;
            var intent = understood?.Intent ?? Intent.Unknown;
            results.Add(new CaseResult(
                labelled,
                intent,
                understood is null ? ExpectedLabels.Unknown : Label(understood),
                understood?.Rule?.Verdict,
                understood?.Match.Candidates.Select(c => c.Rule.Id).ToList() ?? [],
                outcome.Replies.Count > 0 ? outcome.Replies[0].Text : ""));
        }
        return new EvaluationReport(results);
    }

    /// <summary>The label of what the bot did, comparable with a labelled set's expected column.</summary>
    public static string Label(Understanding.Understanding understood) => understood.Intent switch
    {
        Intent.Guidance => understood.Rule!.Id,
        Intent.Clarify => ClarifyLabel,
        Intent.Report => ExpectedLabels.Report,
        Intent.Greeting or Intent.Menu or Intent.Help or Intent.Thanks => ExpectedLabels.Greeting,
        Intent.OutOfScope => ExpectedLabels.OutOfScope,
        Intent.NotCovered => ExpectedLabels.NotCovered,
        _ => ExpectedLabels.Unknown,
    };
}
