using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs;
using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Tests.Dialogs;

/// <summary>/lapor during an unfinished draft asks whether to continue or start over; it never empties it silently (issue 10).</summary>
public class ReportResumeTests
{
    private static readonly DialogSettings Settings = new("helpdesk");
    private ConversationState _state = ConversationState.New(Language.Indonesian);
    private byte _seed = 1;

    private DialogInputs Inputs => new(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero), n => Enumerable.Repeat(_seed++, n).ToArray(), _ => null);

    private StepOutcome Send(string? text, string? payload = null)
    {
        var outcome = ConversationDialog.Step(RepositoryDialogs.Content, Settings, Inputs, _state, new InboundMessage("test", "1", text, payload));
        _state = outcome.State;
        return outcome;
    }

    private void AnswerThree()
    {
        Send("/lapor");
        Send(null, Payloads.Continue);
        Send("2");           // category
        Send("Kabid X");     // who
        Send("Dinas Y");     // agency; now asking for the regency
    }

    [Fact]
    public void Issue10_LaporDuringAnUnfinishedDraft_AsksContinueOrStartOver_DraftKept()
    {
        AnswerThree();

        var asked = Send("/lapor");

        Assert.Contains("3 bagian sudah terisi", asked.Replies[0].Text, StringComparison.Ordinal);
        Assert.Equal([Payloads.ReportResume, Payloads.ReportRestart], asked.Replies[0].Buttons.Select(b => b.Payload));
        Assert.Equal("ReportRegency", asked.State.State);
        Assert.Equal("Kabid X", asked.State.Private!.Draft!.Who);
    }

    [Fact]
    public void Issue10_ContinueAfterLapor_AsksTheSameQuestionAgain_WithTheAnswersKept()
    {
        AnswerThree();
        Send("/lapor");

        var resumed = Send("1"); // typed number of "Lanjutkan"

        Assert.Equal(RepositoryDialogs.Content.Texts.Get(Language.Indonesian, TextKey.ReportRegencyPrompt), resumed.Replies[0].Text);
        Assert.Equal("Dinas Y", resumed.State.Private!.Draft!.Agency);
        var next = Send("Kota Contoh");
        Assert.Equal("Kota Contoh", next.State.Private!.Draft!.Regency);
    }

    [Fact]
    public void Issue10_StartOverAfterLapor_BeginsAnEmptyDraft()
    {
        AnswerThree();
        Send("/lapor");

        var restarted = Send(null, Payloads.ReportRestart);

        Assert.Equal("ReportNotice", restarted.State.State);
        Assert.Null(restarted.State.Private!.Draft!.Who);
    }

    [Fact]
    public void Lapor_WhenTheDraftHasNoAnswerYet_SimplyStartsAgain()
    {
        Send("/lapor");

        var again = Send("/lapor");

        Assert.Equal("ReportNotice", again.State.State);
        var texts = RepositoryDialogs.Content.Texts;
        Assert.Equal(texts.Get(Language.Indonesian, TextKey.ReportNotice, ("channel_limit", texts.Get(Language.Indonesian, TextKey.ReportNoticeLimit))), again.Replies[0].Text);
    }
}
