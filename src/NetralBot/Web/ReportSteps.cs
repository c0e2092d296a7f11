using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs.Report;

namespace NetralBot.Web;

/// <summary>Which dialog steps belong to a report, so that the web chat keeps their activities only until delivered.</summary>
public static class ReportSteps
{
    /// <summary>
    /// A step is part of a report when it leaves the conversation in the report or follow-up flow, or with a draft or a
    /// receipt code held, or when it sent a tip, added to one or stored evidence (the conversation is reset after those).
    /// The step that leaves a report (/batal, the menu) is not: its message and reply say nothing of the report.
    /// </summary>
    public static bool IsPrivate(StepOutcome outcome) =>
        ReportDialog.OwnsState(outcome.State.State)
        || FollowUpDialog.OwnsState(outcome.State.State)
        || outcome.State.Private is not null
        || outcome.Effects.Any(e => e is SubmitTip or AddTipInformation or StoreEvidenceFile);
}
