using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs;
using NetralBot.Core.Dialogs.Guidance;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Understanding;

namespace NetralBot.Core.Tests.Dialogs;

public class GuidanceDialogTests
{
    private static readonly DialogSettings Settings = new("BKPSDM Kota Contoh, 0800-000");
    private ConversationState _state = ConversationState.New(Language.Indonesian);

    private StepOutcome Send(string? text, string? payload = null)
    {
        var outcome = ConversationDialog.Step(RepositoryDialogs.Content, Settings, DialogInputs.GuidanceOnly(DateTimeOffset.UnixEpoch), _state, new InboundMessage("test", "1", text, payload));
        _state = outcome.State;
        return outcome;
    }

    private static string AllText(StepOutcome outcome) => string.Join("\n", outcome.Replies.Select(r => r.Text));

    /// <summary>
    /// The service understands a typed message before its step takes the storage lock; the step uses that only when it
    /// is about the same text with the same rules, so a stale or mismatched one can never answer another question.
    /// </summary>
    [Theory]
    [InlineData("boleh nyoblos di tps?", true)]
    [InlineData("boleh like postingan caleg?", false)]
    public void Question_UnderstoodBeforeTheStep_IsUsedOnlyForTheSameText(string understoodText, bool same)
    {
        var content = RepositoryDialogs.Content;
        var inputs = DialogInputs.GuidanceOnly(DateTimeOffset.UnixEpoch) with
        {
            Understood = new PreUnderstood(content.Understander, understoodText, content.Understander.Understand(understoodText)),
        };

        var outcome = ConversationDialog.Step(content, Settings, inputs, _state, new InboundMessage("test", "1", "  boleh nyoblos di tps?  "));

        Assert.Equal("vote_use_right", outcome.Understood!.Rule!.Id);
        Assert.Equal(same, ReferenceEquals(inputs.Understood.Result, outcome.Understood));
    }

    [Fact]
    public void Start_ShowsWelcomeAndTopicMenu()
    {
        var outcome = Send("/start");
        Assert.Equal("Menu", outcome.State.State);
        Assert.Contains("NetralBot", AllText(outcome), StringComparison.Ordinal);
        var buttons = outcome.Replies.Single().Buttons;
        Assert.Equal(RepositoryDialogs.Content.Categories.Count + 3, buttons.Count);
        Assert.Contains(buttons, b => b.Payload == Payloads.Report);
    }

    [Fact]
    public void Question_AnswersVerdictFirst_ShortWithMainBasisAndSanction_DetailsBehindMore()
    {
        var rule = RepositoryDialogs.Content.Rules["like_post_candidate"];
        var outcome = Send("min, boleh gak sih ngelike postingan caleg?");
        Assert.Equal("ShowingAnswer", outcome.State.State);
        var reply = outcome.Replies.Single();
        Assert.StartsWith("**❌ TIDAK BOLEH**", reply.Text, StringComparison.Ordinal);
        Assert.Contains(rule.Indonesian.Short, reply.Text, StringComparison.Ordinal);
        Assert.Contains("Dasar hukum:** " + rule.Basis[0], reply.Text, StringComparison.Ordinal);
        Assert.Contains("Sanksi:** " + rule.Indonesian.Sanction.For(AskerStatus.Unknown), reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(rule.Indonesian.Explanation, reply.Text, StringComparison.Ordinal);
        Assert.True(reply.Text.Length <= 700, $"first reply has {reply.Text.Length} characters");
        Assert.Equal(Payloads.More("like_post_candidate"), reply.Buttons[0].Payload);
        var log = Assert.IsType<LogQuestion>(Assert.Single(outcome.Effects));
        Assert.Equal("like_post_candidate", log.RuleId);

        // "Selengkapnya": why, the whole basis, the discipline levels, the disclaimer, related questions.
        var more = Send(null, reply.Buttons[0].Payload).Replies.Single();
        Assert.Contains(rule.Indonesian.Explanation, more.Text, StringComparison.Ordinal);
        Assert.All(rule.Basis, b => Assert.Contains(b, more.Text, StringComparison.Ordinal));
        Assert.Contains("PP 94/2021 Pasal 8", more.Text, StringComparison.Ordinal);
        Assert.Contains("ditinjau", more.Text, StringComparison.Ordinal);
        Assert.InRange(more.Buttons.Count(b => b.Payload.StartsWith("r:", StringComparison.Ordinal)), 1, 3);
    }

    [Fact]
    public void TypedNumber_PicksSelengkapnya_UnderAnAnswer()
    {
        Send("boleh pasang twibbon capres?");
        var more = Send("1").Replies.Single();
        Assert.Contains(RepositoryDialogs.Content.Rules["use_candidate_twibbon"].Indonesian.Explanation, more.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void QuestionInEnglish_IsAnsweredInEnglish_WithoutChoosingTheLanguage()
    {
        var reply = Send("Can I like a candidate's post on Instagram?").Replies.Single();
        Assert.StartsWith("**❌ NOT ALLOWED**", reply.Text, StringComparison.Ordinal);
        Assert.Contains(RepositoryDialogs.Content.Rules["like_post_candidate"].English.Short, reply.Text, StringComparison.Ordinal);
        Assert.Equal(Language.English, _state.Language);

        var back = Send("kalau share video paslon boleh gak?").Replies.Single();
        Assert.StartsWith("**❌ TIDAK BOLEH**", back.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PNS boleh nyalon ketua RT?")]
    [InlineData("guru PNS boleh kampanye buat calon ketua OSIS?")]
    [InlineData("boleh ikut pemilihan ketua koperasi kantor?")]
    public void OtherElections_AreNotCovered_PointToAPerson_NeverAVerdict(string question)
    {
        var outcome = Send(question);
        Assert.Equal(Intent.NotCovered, outcome.Understood!.Intent);
        var text = outcome.Replies.Single().Text;
        Assert.Contains("tidak diatur", text, StringComparison.Ordinal);
        Assert.Contains("BKPSDM Kota Contoh", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BOLEH", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sy mahasiswa, boleh jadi timses capres?")]
    [InlineData("anggota Polri boleh ikut kampanye ga?")]
    [InlineData("karyawan BUMN boleh jadi timses capres?")]
    public void OutsideAskers_AreToldWhomTheRulesAreFor_PointedToBawaslu_NeverAVerdict(string question)
    {
        var outcome = Send(question);
        Assert.Equal(Intent.NotCovered, outcome.Understood!.Intent);
        var text = outcome.Replies.Single().Text;
        Assert.Contains("berlaku untuk **ASN (PNS, PPPK) dan pegawai non-ASN", text, StringComparison.Ordinal);
        Assert.Contains("Bawaslu", text, StringComparison.Ordinal);
        Assert.DoesNotContain("RT/RW", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BOLEH", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kapan hasil resmi pilkada diumumin?")]
    [InlineData("berapa ambang batas parlemen?")]
    [InlineData("kenapa warna surat suara beda-beda?")]
    public void QuestionsAboutTheElectionItself_ArePointedToKpu_NeverAVerdict(string question)
    {
        var outcome = Send(question);
        Assert.Equal(Intent.NotCovered, outcome.Understood!.Intent);
        var text = outcome.Replies.Single().Text;
        Assert.Contains("kpu.go.id", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BOLEH", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sy PNS, setelah hasil pilkada keluar boleh ikut konvoi kemenangan paslon?")]
    [InlineData("sy mahasiswa tapi juga honorer di kampus, boleh jadi timses capres?")]
    public void NamingACivilServantStatus_KeepsTheRulesVerdict(string question)
    {
        var outcome = Send(question);
        Assert.Equal(Intent.Guidance, outcome.Understood!.Intent);
        Assert.StartsWith("**❌ TIDAK BOLEH**", outcome.Replies.First().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Question_NamingStatus_ShowsThatStatusSanction_AndRemembersIt()
    {
        var rule = RepositoryDialogs.Content.Rules["like_post_candidate"];
        var first = AllText(Send("saya honorer, boleh ngelike postingan caleg?"));
        Assert.Contains("Sanksi untuk honorer/PPNPN:", first, StringComparison.Ordinal);
        Assert.Contains(rule.Indonesian.Sanction.For(AskerStatus.Ppnpn), first, StringComparison.Ordinal);

        var later = AllText(Send("kalau share video paslon?"));
        Assert.Contains("Sanksi untuk honorer/PPNPN:", later, StringComparison.Ordinal);
    }

    [Fact]
    public void ContestedRule_HasItsOwnLabelWithTheSafeAnswer_AndBothSidesBehindMore()
    {
        var first = Send(null, Payloads.Rule("attend_campaign_passive")).Replies.Single();
        Assert.StartsWith("**⚖️ DIPERDEBATKAN — jawaban aman: ❌ JANGAN**", first.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("BOLEH, DENGAN SYARAT", first.Text, StringComparison.Ordinal);

        var more = Send(null, Payloads.More("attend_campaign_passive")).Replies.Single().Text;
        Assert.Contains("Sumber berbeda pendapat", more, StringComparison.Ordinal);
        foreach (var view in RepositoryDialogs.Content.Rules["attend_campaign_passive"].Indonesian.Views)
        {
            Assert.Contains(view.By, more, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TypedNumber_PicksTheOfferedButton()
    {
        Send("/start");
        var firstCategory = RepositoryDialogs.Content.Categories[0];
        var outcome = Send("1");
        Assert.Equal("Category", outcome.State.State);
        Assert.Contains(firstCategory.Title, AllText(outcome), StringComparison.Ordinal);

        var answer = Send("1");
        Assert.Equal("ShowingAnswer", answer.State.State);
        Assert.Equal(firstCategory.RuleIds[0], answer.State.LastRuleId);
    }

    [Fact]
    public void VagueQuestion_AsksMaksudAnda_ThenNoneOfThese_PointsToAHuman()
    {
        var outcome = Send("pose?");
        Assert.Equal("Clarifying", outcome.State.State);
        Assert.Contains("Maksud Anda", AllText(outcome), StringComparison.Ordinal);
        var none = outcome.Replies.Single().Buttons.Last();
        Assert.Equal(Payloads.NoneOfThese, none.Payload);

        var fallback = Send(null, none.Payload);
        Assert.Equal("AwaitingQuestion", fallback.State.State);
        Assert.Contains(Settings.HumanContact, AllText(fallback), StringComparison.Ordinal);
    }

    [Fact]
    public void NoneOfThese_OutsideAClarification_IsAnsweredNotThrown()
    {
        var outcome = Send(null, Payloads.NoneOfThese);
        Assert.Contains("tidak berlaku", AllText(outcome), StringComparison.Ordinal);
        Assert.NotEmpty(outcome.Replies.Single().Buttons);
    }

    [Fact]
    public void Cancel_ReturnsToIdle()
    {
        Send("kalau foto gimana?");
        var outcome = Send("/batal");
        Assert.Equal("Idle", outcome.State.State);
        Assert.Contains("dibatalkan", AllText(outcome), StringComparison.Ordinal);
        Assert.Contains("Tidak ada yang sedang berjalan", AllText(Send("/batal")), StringComparison.Ordinal);
    }

    [Fact]
    public void Bahasa_SwitchesAnswersToEnglish()
    {
        var prompt = Send("/bahasa");
        Assert.Equal("ChoosingLanguage", prompt.State.State);
        Send("2");
        Assert.Equal(Language.English, _state.Language);
        var answer = AllText(Send("may I like a candidate's post?"));
        Assert.StartsWith("**❌ NOT ALLOWED**", answer, StringComparison.Ordinal);
        Assert.Contains(RepositoryDialogs.Content.Rules["like_post_candidate"].English.Short, answer, StringComparison.Ordinal);

        Send("/bahasa id");
        Assert.Equal(Language.Indonesian, _state.Language);
    }

    [Fact]
    public void ReportIntent_StartsTheAnonymousReport_WithoutKeepingTheText()
    {
        var outcome = Send("atasan saya nyuruh pilih paslon 2");
        Assert.Equal("ReportNotice", outcome.State.State);
        Assert.Contains("anonim", AllText(outcome), StringComparison.Ordinal);
        var log = Assert.IsType<LogQuestion>(Assert.Single(outcome.Effects));
        Assert.Equal(Intent.Report, log.Intent);
        Assert.Null(log.Text);
    }

    [Theory]
    [InlineData("/help")]
    [InlineData("/menu")]
    [InlineData("/lapor")]
    [InlineData("/tidakada")]
    [InlineData("/start@NetralBot")]
    public void Commands_AlwaysReply(string command)
    {
        var outcome = Send(command);
        Assert.NotEmpty(outcome.Replies);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Replies[0].Text));
    }

    /// <summary>Issue 11: /help names every command a person can use, the follow-up and the reminders included.</summary>
    [Theory]
    [InlineData("/help", Language.Indonesian)]
    [InlineData("/help", Language.English)]
    [InlineData("bantuan", Language.Indonesian)]
    public void Help_ListsEveryPersonsCommand(string text, Language language)
    {
        _state = ConversationState.New(language);
        var help = AllText(Send(text));
        foreach (var command in new[] { "/menu", "/lapor", "/status", "/langganan", "/berhenti", "/bahasa", "/batal" })
        {
            Assert.Contains(command, help, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("/tip", help, StringComparison.Ordinal); // admin commands are listed by /admin, for admins only
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("🙏🙏🙏")]
    public void EmptyOrSymbolOnlyMessages_GetAFriendlyReply(string text)
    {
        var outcome = Send(text);
        Assert.NotEmpty(outcome.Replies);
    }

    [Fact]
    public void StaleRuleButton_IsAnsweredWithTheMenu()
    {
        var outcome = Send(null, Payloads.Rule("rule_removed_long_ago"));
        Assert.Contains("tidak berlaku", AllText(outcome), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownStoredState_RestartsAtIdle()
    {
        _state = _state with { State = "SomethingRemoved" };
        Assert.False(GuidanceDialog.IsKnownState(_state.State));
        var outcome = Send("/batal");
        Assert.Equal("Idle", outcome.State.State);
    }

    [Fact]
    public void VeryLongMessage_IsHandled()
    {
        var outcome = Send(string.Concat(Enumerable.Repeat("boleh like postingan caleg ", 2000)));
        Assert.NotEmpty(outcome.Replies);
    }
}
