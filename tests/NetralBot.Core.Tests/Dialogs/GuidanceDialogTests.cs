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
    public void Question_AnswersVerdictFirst_WithBasisSanctionDisclaimerAndRelatedButtons()
    {
        var outcome = Send("min, boleh gak sih ngelike postingan caleg?");
        Assert.Equal("ShowingAnswer", outcome.State.State);
        var reply = outcome.Replies.Single();
        Assert.StartsWith("**❌ TIDAK BOLEH**", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Dasar hukum:", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Sanksi:", reply.Text, StringComparison.Ordinal);
        Assert.Contains("ditinjau", reply.Text, StringComparison.Ordinal);
        Assert.InRange(reply.Buttons.Count(b => b.Payload.StartsWith("r:", StringComparison.Ordinal)), 1, 3);
        var log = Assert.IsType<LogQuestion>(Assert.Single(outcome.Effects));
        Assert.Equal("like_post_candidate", log.RuleId);
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
    public void ContestedRule_SaysBothSides()
    {
        var text = AllText(Send(null, Payloads.Rule("attend_campaign_passive")));
        Assert.StartsWith("**⚠️ BOLEH, DENGAN SYARAT**", text, StringComparison.Ordinal);
        Assert.Contains("Sumber berbeda pendapat", text, StringComparison.Ordinal);
        foreach (var view in RepositoryDialogs.Content.Rules["attend_campaign_passive"].Indonesian.Views)
        {
            Assert.Contains(view.By, text, StringComparison.Ordinal);
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
        var outcome = Send("kalau foto gimana?");
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
