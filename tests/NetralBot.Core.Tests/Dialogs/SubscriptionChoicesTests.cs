using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs;
using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Tests.Dialogs;

/// <summary>Issue 11: /langganan answered by typing, through the public entry point with the shipped segments.yaml.</summary>
public class SubscriptionChoicesTests
{
    private static readonly DialogSettings Settings = new("helpdesk");
    private ConversationState _state = ConversationState.New(Language.Indonesian);

    private StepOutcome Send(string? text, string? payload = null)
    {
        var inputs = new DialogInputs(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero), n => new byte[n], _ => null);
        var outcome = ConversationDialog.Step(RepositoryDialogs.Content, Settings, inputs, _state, new InboundMessage("test", "1", text, payload));
        _state = outcome.State;
        return outcome;
    }

    private static string Text(StepOutcome o) => string.Join("\n", o.Replies.Select(r => r.Text));

    [Fact]
    public void ExactNameTyped_IsTheSameAsTappingItsButton()
    {
        Send("/langganan");
        Assert.Contains("instansi mana", Text(Send("Kabupaten Sleman")), StringComparison.Ordinal);
        var done = Send("Inspektorat");
        Assert.Equal(new Subscribe("Kabupaten Sleman", "Inspektorat"), Assert.Single(done.Effects));
    }

    [Theory]
    [InlineData("sleman")]
    [InlineData("SLEMAN")]
    [InlineData("kab. sleman")]
    [InlineData("Kab Sleman")]
    [InlineData("kab slemen")]
    [InlineData("saya di sleman")]
    public void TypedRegency_IsRecognised_ConfirmedAndTheAgencyIsAsked(string typed)
    {
        Send("/langganan");
        var agency = Send(typed);
        Assert.StartsWith("Tercatat: **Kabupaten Sleman**.", Text(agency), StringComparison.Ordinal);
        Assert.Contains("instansi mana", Text(agency), StringComparison.Ordinal);
        Assert.Empty(agency.Effects);

        var done = Send("kesehatan");
        Assert.Equal(new Subscribe("Kabupaten Sleman", "Dinas Kesehatan dan Puskesmas"), Assert.Single(done.Effects));
        Assert.Contains("Tercatat: **Dinas Kesehatan dan Puskesmas**.", Text(done), StringComparison.Ordinal);
        Assert.Contains("berlangganan", Text(done), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gunung kidul", "Kabupaten Gunungkidul")]
    [InlineData("Kulonprogo", "Kabupaten Kulon Progo")]
    [InlineData("kota jogjakarta", "Kota Yogyakarta")]
    [InlineData("yogya", "Kota Yogyakarta")]
    [InlineData("bantul", "Kabupaten Bantul")]
    public void TypedRegency_SpacingAndSpellingVariants_PickTheRightOne(string typed, string regency)
    {
        Send("/langganan");
        Send(typed);
        var done = Send("lewati");
        Assert.Equal(new Subscribe(regency, null), Assert.Single(done.Effects));
    }

    [Fact]
    public void TypedName_MatchingNothing_SaysSoAndShowsTheChoicesAgain_ThenANumberPicksOne()
    {
        var ask = Send("/langganan");
        var again = Send("jakarta selatan");
        Assert.Contains("tidak menemukan", Text(again), StringComparison.Ordinal);
        Assert.Equal(ask.Replies[0].Buttons, again.Replies[^1].Buttons);
        Assert.Empty(again.Effects);
        Assert.Null(again.Understood); // not taken as a question

        var agency = Send("2");
        Assert.Contains("instansi mana", Text(agency), StringComparison.Ordinal);
        Send("dinas"); // several agencies are a dinas: ambiguous, asked again
        var done = Send("1");
        Assert.Equal(new Subscribe("Kabupaten Sleman", "Dinas Pendidikan dan sekolah"), Assert.Single(done.Effects));
    }

    [Fact]
    public void AQuestion_TypedWhileAsked_IsNotAnsweredAsAQuestion()
    {
        Send("/langganan");
        var reply = Send("boleh gak ngelike postingan caleg?");
        Assert.Contains("tidak menemukan", Text(reply), StringComparison.Ordinal);
        Assert.DoesNotContain("TIDAK BOLEH", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public void Batal_WhileAsked_CancelsWithoutSubscribing_AndTheNextMessageIsAQuestionAgain()
    {
        Send("/langganan");
        var cancelled = Send("/batal");
        Assert.Contains("dibatalkan", Text(cancelled), StringComparison.Ordinal);
        Assert.Empty(cancelled.Effects);
        Assert.Contains("TIDAK BOLEH", Text(Send("boleh gak ngelike postingan caleg?")), StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_WhileAsked_StillWork()
    {
        Send("/langganan");
        Assert.Contains("/lapor", Text(Send("/help")), StringComparison.Ordinal);
    }
}
