using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Dialogs.Report;
using NetralBot.Core.Tips;

namespace NetralBot.Core.Tests.Dialogs;

/// <summary>The report flow through the public entry point, with a fixed clock and a counting RNG.</summary>
public class ReportDialogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
    private static readonly DialogSettings Settings = new("helpdesk");
    private ConversationState _state = ConversationState.New(Language.Indonesian);
    private readonly Dictionary<string, TipView> _tips = [];
    private byte _seed = 1;

    private DialogInputs Inputs => new(Now, n => Enumerable.Repeat(_seed++, n).ToArray(), code => _tips.GetValueOrDefault(code));

    private StepOutcome Send(string? text, string? payload = null, bool group = false)
    {
        var outcome = ConversationDialog.Step(RepositoryDialogs.Content, Settings, Inputs, _state, new InboundMessage("test", "1", text, payload, IsGroupChat: group));
        _state = outcome.State;
        return outcome;
    }

    private static string Text(StepOutcome o) => string.Join("\n", o.Replies.Select(r => r.Text));

    private const string Story = "Kepala dinas mengumpulkan staf di aula dan meminta semua memilih paslon nomor 2, sambil membagikan kaos.";

    private StepOutcome FillAll()
    {
        Send("/lapor");
        Send(null, Payloads.Continue);
        Send("2"); // second category button: social media
        Send("Kabid X");
        Send(null, Payloads.Skip); // agency: tidak tahu
        Send("Kota Contoh");
        Send("aula kantor");
        Send("kemarin");
        Send(Story);
        Send("ini buktinya https://example.org/video/1 dan https://example.org/foto");
        return Send("selesai");
    }

    [Fact]
    public void Notice_AQuestionTypedInsteadOfLanjut_IsAnswered_AndTheEmptyReportLeft()
    {
        Send("/lapor");
        var answer = Send("boleh like postingan caleg di instagram?");
        Assert.Equal("ShowingAnswer", answer.State.State);
        Assert.Null(answer.State.Private);
        Assert.Contains("TIDAK BOLEH", Text(answer), StringComparison.Ordinal);
    }

    [Fact]
    public void Notice_ShownAgain_ForTextThatIsNoQuestion_WithTheChannelsOwnLimit()
    {
        var first = Send("/lapor");
        var again = Send("hmm");
        Assert.Equal("ReportNotice", again.State.State);
        Assert.Equal(Text(first), Text(again)); // the same notice, its placeholder filled in both times
        Assert.DoesNotContain("{", Text(again), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lanjut")]
    [InlineData("Lanjut")]
    public void Notice_TheButtonsWordTyped_PicksIt(string typed)
    {
        Send("/lapor");
        Assert.Equal("ReportCategory", Send(typed).State.State);
        Send("/lapor");
        Assert.Equal("Idle", Send("batal").State.State);
    }

    [Fact]
    public void Report_WholeFlow_ReviewsThenSendsWithAReceiptCode()
    {
        var review = FillAll();
        Assert.Equal("ReportReview", review.State.State);
        var summary = Text(review);
        Assert.Contains("Kabid X", summary, StringComparison.Ordinal);
        Assert.Contains("tidak tahu", summary, StringComparison.Ordinal);
        Assert.Contains("kemarin (2026-11-24)", summary, StringComparison.Ordinal);
        Assert.Contains("https://example.org/foto", summary, StringComparison.Ordinal);

        var sent = Send(null, Payloads.Send);
        var submit = Assert.IsType<SubmitTip>(Assert.Single(sent.Effects));
        Assert.Equal(TipCategory.SocialMedia, submit.Draft.Category);
        Assert.Equal(Story, submit.Draft.What);
        Assert.Equal(2, submit.Draft.Evidence.Count);
        Assert.Contains(submit.ReceiptCode, Text(sent), StringComparison.Ordinal);
        Assert.Equal("Idle", sent.State.State);
        Assert.Null(sent.State.Private); // the draft is gone once sent
        Assert.Contains(sent.Replies[0].Buttons, b => b.Payload == Payloads.Checklist(new DateOnly(2026, 11, 24)));
    }

    [Fact]
    public void Draft_IsKeptOnlyInThePrivateState_NeverInTheVisibleState()
    {
        Send("/lapor");
        Send(null, Payloads.Continue);
        Send("1");
        Send("Bapak Rahasia Sekali");
        Assert.Equal("Bapak Rahasia Sekali", _state.Private!.Draft!.Who);
        Assert.DoesNotContain(_state.Offered, b => b.Label.Contains("Rahasia", StringComparison.Ordinal));
    }

    /// <summary>Issue 11 changed this: the short story is kept and the next message is added to it (ReportWhatMore).</summary>
    [Fact]
    public void ShortStory_AsksForMoreDetail_AndKeepsTheDraft()
    {
        Send("/lapor");
        Send(null, Payloads.Continue);
        Send("1");
        Send("Kabid X");
        Send("Dinas Y");
        Send("Kab. Contoh");
        Send(null, Payloads.Skip);
        Send("12/11");
        var shortAnswer = Send("dia kampanye");
        Assert.Equal("ReportWhatMore", shortAnswer.State.State);
        Assert.Contains("detail", Text(shortAnswer), StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 11, 12), _state.Private!.Draft!.WhenDate);
        Assert.Equal("ReportEvidence", Send(Story).State.State);
        Assert.Equal("dia kampanye " + Story, _state.Private!.Draft!.What);
    }

    [Fact]
    public void Change_AField_ReturnsToTheReview()
    {
        FillAll();
        Send(null, Payloads.Change);
        var pick = Send(null, "tf:ReportRegency");
        Assert.Equal("ReportRegency", pick.State.State);
        var back = Send("Kabupaten Lain");
        Assert.Equal("ReportReview", back.State.State);
        Assert.Contains("Kabupaten Lain", Text(back), StringComparison.Ordinal);
    }

    [Fact]
    public void Cancel_AtAnyStep_DeletesTheDraft()
    {
        Send("/lapor");
        Send(null, Payloads.Continue);
        Send("1");
        Send("Kabid X");
        var cancelled = Send("/batal");
        Assert.Equal("Idle", cancelled.State.State);
        Assert.Null(cancelled.State.Private);
        Assert.Contains("dihapus", Text(cancelled), StringComparison.Ordinal);
    }

    [Fact]
    public void OtherCommands_DuringAReport_KeepTheDraft_AndSaySo()
    {
        Send("/lapor");
        Send(null, Payloads.Continue);
        Send("1");
        Send("Kabid X");
        var menu = Send("/menu");
        Assert.Equal("ReportAgency", menu.State.State);
        Assert.Equal("Kabid X", menu.State.Private!.Draft!.Who);
        Assert.Contains("/batal", Text(menu), StringComparison.Ordinal);
    }

    [Fact]
    public void ExpiredDraft_IsSaidPlainly()
    {
        Send("/lapor");
        Send(null, Payloads.Continue);
        Send("1");
        _state = _state with { Private = null }; // the retention job removed the draft
        var outcome = Send("Kabid X");
        Assert.Equal("Idle", outcome.State.State);
        Assert.Contains("24 jam", Text(outcome), StringComparison.Ordinal);
    }

    [Fact]
    public void GroupChat_RefusesToTakeAReport()
    {
        var outcome = Send("/lapor", group: true);
        Assert.DoesNotContain("ReportNotice", outcome.State.State, StringComparison.Ordinal);
        Assert.Contains("chat pribadi", Text(outcome), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("🙏🙏")]
    [InlineData("<script>alert(1)</script>'; DROP TABLE tips; --")]
    public void OddInput_IsAnsweredAndNeverLosesTheDraft(string text)
    {
        Send("/lapor");
        Send(null, Payloads.Continue);
        Send("1");
        Send("Kabid X");
        var outcome = Send(text);
        Assert.NotEmpty(outcome.Replies);
        Assert.Equal("Kabid X", outcome.State.Private!.Draft!.Who);
    }

    [Fact]
    public void HugeText_IsRefusedWithAHint_AndTheDraftStays()
    {
        Send("/lapor");
        Send(null, Payloads.Continue);
        Send("1");
        var outcome = Send(new string('x', 50_000));
        Assert.Equal("ReportWho", outcome.State.State);
        Assert.Contains("terlalu panjang", Text(outcome), StringComparison.Ordinal);
    }

    [Fact]
    public void Status_RightCode_ShowsStatusAndReviewerMessages_WrongCode_SameShape()
    {
        var code = ReceiptCode.Normalize("7KQ2-M9XD-4HRT-PW3B")!;
        _tips[code] = new TipView(TipStatus.DiteruskanBawaslu, null, Now.AddDays(-2), [new TipMessage(true, "Mohon kirim tanggal persisnya", Now)]);

        var right = Send("/status 7kq2 m9xd 4hrt pw3b");
        Assert.Contains("diteruskan ke Bawaslu", Text(right), StringComparison.Ordinal);
        Assert.Contains("Mohon kirim tanggal persisnya", Text(right), StringComparison.Ordinal);
        Assert.Contains(right.Effects, e => e is DelayReply);
        Assert.Equal(2, right.Replies.Single().Buttons.Count);

        Send(null, Payloads.AddInfo);
        var added = Send("Tanggalnya 12 November pukul 09.00");
        var info = Assert.IsType<AddTipInformation>(Assert.Single(added.Effects));
        Assert.Equal(code, info.ReceiptCode);
        Assert.Null(added.State.Private);

        var wrong = Send("/status AAAA-BBBB-CCCC-DDDD");
        Assert.Contains("tidak ditemukan", Text(wrong), StringComparison.Ordinal);
        Assert.Contains(wrong.Effects, e => e is DelayReply);
        Assert.Equal(2, wrong.Replies.Single().Buttons.Count);
    }

    [Fact]
    public void Status_ManyWrongCodes_AreThrottled()
    {
        Send("/status");
        for (var i = 0; i < FollowUpDialog.MaxWrongCodes; i++)
        {
            Send($"ZZZZ-ZZZZ-ZZZZ-ZZZ{i}");
        }
        var throttled = Send("/status 7KQ2-M9XD-4HRT-PW3B");
        Assert.Contains("Terlalu banyak", Text(throttled), StringComparison.Ordinal);
        Assert.DoesNotContain(throttled.Effects, e => e is DelayReply);
    }

    [Fact]
    public void DailyLimit_RefusesANewReport()
    {
        var outcome = ConversationDialog.Step(RepositoryDialogs.Content, Settings, Inputs with { TipsAllowed = false }, _state, new InboundMessage("test", "1", "/lapor"));
        Assert.Contains("besok", Text(outcome), StringComparison.Ordinal);
        Assert.Equal("Idle", outcome.State.State);
    }

    [Fact]
    public void Checklist_CountsTheSevenDaysFromTheGivenDate()
    {
        var outcome = Send(null, Payloads.Checklist(new DateOnly(2026, 11, 24)));
        Assert.Contains("2026-12-01", Text(outcome), StringComparison.Ordinal);
        Assert.Contains("sisa 6 hari", Text(outcome), StringComparison.Ordinal);
        Assert.Contains("SigapLapor", Text(outcome), StringComparison.Ordinal);
    }
}
