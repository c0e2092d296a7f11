using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs;
using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Tests.Dialogs;

/// <summary>
/// Issue 11, the report form: a short story is kept and completed, the regency may be "Tidak tahu", a period such as
/// "minggu lalu" is confirmed with date buttons, day names are read, and the edit list's back button says where it goes.
/// </summary>
public class ReportFormTests
{
    /// <summary>Wednesday 25 November 2026, 10:00 WIB.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
    private static readonly DialogSettings Settings = new("helpdesk");
    private const string Story = "Kepala dinas mengumpulkan staf di aula dan meminta semua memilih paslon nomor 2, sambil membagikan kaos.";
    private ConversationState _state = ConversationState.New(Language.Indonesian);
    private byte _seed = 1;

    private DialogInputs Inputs => new(Now, n => Enumerable.Repeat(_seed++, n).ToArray(), _ => null);

    private StepOutcome Send(string? text, string? payload = null)
    {
        var outcome = ConversationDialog.Step(RepositoryDialogs.Content, Settings, Inputs, _state, new InboundMessage("test", "1", text, payload));
        _state = outcome.State;
        return outcome;
    }

    private static string Text(StepOutcome o) => string.Join("\n", o.Replies.Select(r => r.Text));

    private static string Label(string key) => RepositoryDialogs.Content.Texts.Get(Language.Indonesian, key);

    private StepOutcome UpToWhen()
    {
        Send("/lapor");
        Send(null, Payloads.Continue);
        Send("1");
        Send("Kabid X");
        Send("Dinas Y");
        Send("Kota Contoh");
        return Send(null, Payloads.Skip); // place
    }

    private StepOutcome UpToReview(string when = "kemarin")
    {
        UpToWhen();
        Send(when);
        Send(Story);
        return Send("selesai");
    }

    [Fact]
    public void Issue11_ShortStory_IsKeptAndShown_AndTheNextMessagesCompleteIt()
    {
        UpToWhen();
        Send("12/11");

        var first = Send("Camat kampanye");
        Assert.Equal("ReportWhatMore", first.State.State);
        Assert.Contains("\"Camat kampanye\"", Text(first), StringComparison.Ordinal);
        Assert.DoesNotContain("Tulis ulang", Text(first), StringComparison.Ordinal);
        Assert.Empty(first.Replies[0].Buttons);

        var second = Send("di aula\nkantor");
        Assert.Equal("ReportWhatMore", second.State.State);
        Assert.Contains("\"Camat kampanye di aula kantor\"", Text(second), StringComparison.Ordinal); // one line

        var done = Send("sambil membagikan kaos bergambar calon nomor 2.");
        Assert.Equal("ReportEvidence", done.State.State);
        Assert.Equal("Camat kampanye di aula\nkantor sambil membagikan kaos bergambar calon nomor 2.", done.State.Private!.Draft!.What);
    }

    [Fact]
    public void Issue11_ShortStory_WhenChangingItFromTheSummary_ReplacesTheOldOne_AndReturnsToTheSummary()
    {
        UpToReview();
        Send(null, Payloads.Change);
        Send(null, "tf:ReportWhat");

        var kept = Send("Ralat: Sekda, bukan kepala dinas.");
        Assert.Equal("ReportWhatMoreEditing", kept.State.State);

        var review = Send("Ia membagikan amplop di aula kantor.");
        Assert.Equal("ReportReview", review.State.State);
        Assert.Contains("Ralat: Sekda, bukan kepala dinas. Ia membagikan amplop di aula kantor.", Text(review), StringComparison.Ordinal);
        Assert.DoesNotContain(Story, Text(review), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, Payloads.Skip)]
    [InlineData("1", null)] // the typed number of the only button
    public void Issue11_Regency_TidakTahu_IsAButton_AndTheReportGoesOn(string? text, string? payload)
    {
        Send("/lapor");
        Send(null, Payloads.Continue);
        Send("1");
        Send("Kabid X");
        var asked = Send("Dinas Y");
        Assert.Equal(Label(TextKey.ButtonDontKnow), Assert.Single(asked.Replies[0].Buttons).Label);

        var next = Send(text, payload);

        Assert.Equal("ReportPlace", next.State.State);
        Assert.Null(next.State.Private!.Draft!.Regency);
        Send(null, Payloads.Skip);
        Send("kemarin");
        Send(Story);
        Assert.Contains("**Kabupaten/kota:** tidak tahu", Text(Send("selesai")), StringComparison.Ordinal);
    }

    [Fact]
    public void Issue11_SeninKemarin_IsTheMondayBefore_WithoutAsking()
    {
        UpToWhen();

        var next = Send("senin kemarin pas apel pagi");

        Assert.Equal("ReportWhat", next.State.State);
        Assert.Equal(new DateOnly(2026, 11, 23), next.State.Private!.Draft!.WhenDate);
    }

    [Fact]
    public void Issue11_MingguLalu_AsksTheDateWithButtons_AndTheChosenOneIsStored()
    {
        UpToWhen();

        var asked = Send("minggu lalu");

        Assert.Equal("ReportWhenConfirm", asked.State.State);
        Assert.Contains("7 hari", Text(asked), StringComparison.Ordinal);
        var labels = asked.Replies[0].Buttons.Select(b => b.Label).ToList();
        Assert.Equal(["Rab 25/11", "Sel 24/11", "Sen 23/11", "Min 22/11", "Sab 21/11", "Jum 20/11", "Kam 19/11", "Rab 18/11", "Tidak ingat tanggalnya"], labels);

        var chosen = Send(null, asked.Replies[0].Buttons[^2].Payload);

        Assert.Equal("ReportWhat", chosen.State.State);
        Assert.Equal("minggu lalu", chosen.State.Private!.Draft!.WhenText);
        Assert.Equal(new DateOnly(2026, 11, 18), chosen.State.Private.Draft.WhenDate);
    }

    [Fact]
    public void Issue11_DateButtons_ATypedNumberPicksOne()
    {
        UpToWhen();
        Send("beberapa hari lalu");

        var chosen = Send("3");

        Assert.Equal("ReportWhat", chosen.State.State);
        Assert.Equal(new DateOnly(2026, 11, 23), chosen.State.Private!.Draft!.WhenDate);
        Assert.Equal("beberapa hari lalu", chosen.State.Private.Draft.WhenText);
    }

    [Fact]
    public void Issue11_DateButtons_ATypedDateIsTaken_AndTheFirstAnswerStays()
    {
        UpToWhen();
        Send("awal bulan");

        var chosen = Send("tgl 3");

        Assert.Equal(new DateOnly(2026, 11, 3), chosen.State.Private!.Draft!.WhenDate);
        Assert.Equal("awal bulan", chosen.State.Private.Draft.WhenText);
    }

    [Fact]
    public void Issue11_DateButtons_DontRemember_KeepsTheTextWithoutADate()
    {
        UpToWhen();
        Send("waktu apel pagi");
        Assert.Equal("ReportWhat", Send(null, Payloads.Skip).State.State);
        Send(Story);

        var review = Send("selesai");

        Assert.Contains("**Waktu:** waktu apel pagi\n", Text(review), StringComparison.Ordinal); // no date was made up
        Assert.Null(review.State.Private!.Draft!.WhenDate);
    }

    [Fact]
    public void Issue11_DateButtons_AreAskedOnlyOnce_AnotherUnreadableAnswerIsKeptBesideTheFirst()
    {
        UpToWhen();
        Send("waktu apel pagi");

        var next = Send("yang dihadiri pak bupati");

        Assert.Equal("ReportWhat", next.State.State);
        Assert.Equal("waktu apel pagi; yang dihadiri pak bupati", next.State.Private!.Draft!.WhenText);
        Assert.Null(next.State.Private.Draft.WhenDate);
    }

    [Fact]
    public void Issue11_ChangingTheDateFromTheSummary_ToAPeriod_AsksThenReturnsToTheSummary()
    {
        UpToReview();
        Send(null, Payloads.Change);
        Send(null, "tf:ReportWhen");
        var asked = Send("minggu lalu");
        Assert.Equal("ReportWhenConfirm", asked.State.State);

        var review = Send(null, asked.Replies[0].Buttons[6].Payload);

        Assert.Equal("ReportReview", review.State.State);
        Assert.Contains("minggu lalu (2026-11-19)", Text(review), StringComparison.Ordinal);
    }

    [Fact]
    public void Issue11_ResumingAtTheDateQuestion_ShowsTheDateButtonsAgain()
    {
        UpToWhen();
        Send("minggu lalu");
        Send("/lapor");

        var resumed = Send(null, Payloads.ReportResume);

        Assert.Equal(9, resumed.Replies[0].Buttons.Count);
        Assert.Equal("ReportWhenConfirm", resumed.State.State);
    }

    [Theory]
    [InlineData(Language.Indonesian, "⬅️ Kembali ke ringkasan")]
    [InlineData(Language.English, "⬅️ Back to the summary")]
    public void Issue11_EditList_BackButton_SaysItReturnsToTheSummary_AndDoes(Language language, string label)
    {
        _state = ConversationState.New(language);
        UpToReview();
        var list = Send(null, Payloads.Change);
        var back = list.Replies[0].Buttons[^1];
        Assert.Equal(label, back.Label);

        var review = Send(list.Replies[0].Buttons.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)); // typed number of the back button

        Assert.Equal("ReportReview", review.State.State);
        Assert.Equal(3, review.Replies[0].Buttons.Count); // Kirim, Ubah, Batal
    }
}
