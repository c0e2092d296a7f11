using NetralBot.Core.Knowledge;
using NetralBot.Core.Understanding;
using static NetralBot.Core.Tests.SyntheticRules;

namespace NetralBot.Core.Tests.Understanding;

/// <summary>
/// When the bot answers, offers alternatives, asks which one is meant, or lets a stricter act win — on made-up rules
/// whose scores the test controls through their words.
/// </summary>
public class AnswerPolicyTests
{
    private static readonly Spec Sing = new("sing_song", "boleh", ["nyanyi lagu", "karaoke", "lagu daerah"], ["boleh nyanyi lagu daerah?", "karaoke di rumah boleh?", "nyanyi lagu nasional di acara"], "Menyanyikan lagu");
    private static readonly Spec Shout = new("shout_slogan", "tidak_boleh", ["teriak yel", "yel yel", "sorak sorai"], ["boleh teriak yel yel?", "ikut yel yel di lapangan", "teriak yel pas acara"], "Meneriakkan yel-yel");
    private static readonly Spec Dance = new("dance_stage", "bersyarat", ["joget panggung", "menari", "goyang"], ["boleh joget di panggung?", "menari di acara kantor", "joget panggung hiburan"], "Berjoget di panggung");
    private static readonly Spec Wave = new("wave_flag", "tidak_boleh", ["kibar bendera", "kibarkan bendera", "bendera partai"], ["boleh kibar bendera?", "kibarkan bendera di jalan", "bawa bendera lalu kibar"], "Mengibarkan bendera");

    private static QuestionUnderstander Understander(params Spec[] rules) => Load(rules).Understander;

    private static string Describe(NetralBot.Core.Understanding.Understanding result) =>
        $"{result.Intent} {result.Rule?.Id}: " + string.Join(", ", result.Match.Candidates.Select(c => $"{c.Rule.Id} {c.Score:0.000}"));

    [Fact]
    public void ClearlyAheadRule_IsAnswered_WithTheRunnerUpAsAnAlternative()
    {
        var result = Understander(Sing, Shout, Dance, Wave).Understand("boleh teriak yel yel di lapangan pas acara sambil kibar bendera?");
        Assert.True(result.Intent == Intent.Guidance, Describe(result));
        Assert.True(result.Rule!.Id == "shout_slogan" && result.Offered.Any(r => r.Id == "wave_flag"), Describe(result));
    }

    [Fact]
    public void TiedReadingsWithDifferentVerdicts_AreAsked_StrictestFirst()
    {
        // Two rules with the same words and different verdicts: the words cannot settle it.
        var twin = Shout with { Id = "cheer_twin", Verdict = "boleh" };
        var result = Understander(twin, Shout, Sing, Wave).Understand("boleh teriak yel yel?");
        Assert.True(result.Intent == Intent.Clarify, Describe(result));
        Assert.Equal(["shout_slogan", "cheer_twin"], result.Choices.Take(2).Select(r => r.Id));
    }

    [Fact]
    public void TiedReadings_WhenTheQuestionNamesTheStricterAct_AreAnswered()
    {
        var result = Understander(Sing, Shout, Dance, Wave).Understand("nyanyi lagu teriak yel");
        Assert.True(result.Intent == Intent.Guidance && result.Rule!.Id == "shout_slogan", Describe(result));
    }

    [Fact]
    public void TiedReadingsWithTheSameVerdict_AreAnswered_NotAsked()
    {
        var result = Understander(Sing, Shout, Dance, Wave).Understand("teriak yel sambil kibar bendera");
        Assert.Equal(Intent.Guidance, result.Intent);
        Assert.Equal(Verdict.TidakBoleh, result.Rule!.Verdict);
    }

    [Fact]
    public void MilderBestMatch_NamingAStricterRulesAct_AnswersTheStricterRule()
    {
        // The question is mostly about singing (boleh), but it names the act of another rule: waving a flag.
        var result = Understander(Sing, Shout, Dance, Wave).Understand("boleh nyanyi lagu daerah dan lagu nasional di acara karaoke rumah terus kibar bendera?");
        Assert.True(result.Match.Best!.Rule.Id == "sing_song" && result.Intent == Intent.Guidance, Describe(result));
        Assert.Equal("wave_flag", result.Rule!.Id);
        Assert.Contains(result.Offered, r => r.Id == "sing_song");
    }

    [Fact]
    public void StricterBestMatch_NamingAMilderRulesWords_StaysStrict()
    {
        var result = Understander(Sing, Shout, Dance, Wave).Understand("boleh teriak yel yel di lapangan pas nyanyi?");
        Assert.Equal("shout_slogan", result.Rule!.Id);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("12345")]
    [InlineData("🙂🙂")]
    [InlineData("SELECT * FROM users WHERE 1=1;")]
    [InlineData("print(\"hello\")")]
    public void NumbersCodeAndNonsense_GetNoVerdict(string message)
    {
        var result = Understander(Sing, Shout, Dance, Wave).Understand(message);
        Assert.Null(result.Rule);
        Assert.Empty(result.Choices);
    }

    [Fact]
    public void SingleWord_GetsChoices_NeverAFirmVerdict()
    {
        var result = Understander(Sing, Shout, Dance, Wave).Understand("karaoke");
        Assert.Equal(Intent.Clarify, result.Intent);
        Assert.Null(result.Rule);
    }

    [Fact]
    public void DeniedWords_AreADifferentAct()
    {
        var resignFirst = new Spec("resign_first", "bersyarat", ["mundur dulu", "resign dulu", "nyalon mundur"], ["nyalon harus mundur dulu?", "mau nyalon, resign dulu ya?", "nyalon bupati mundur kapan"], "Mencalonkan diri setelah mundur");
        var stayWhileRunning = new Spec("stay_while_running", "tidak_boleh", ["nyalon tanpa mundur", "tetap kerja", "tanpa resign"], ["nyalon tapi tetap kerja", "tetap kerja sambil kampanye", "tanpa resign tetap gajian"], "Mencalonkan diri tanpa mundur");
        var understander = Understander(resignFirst, stayWhileRunning, Sing, Wave);

        var denied = understander.Understand("boleh nyalon bupati tapi ga mundur?");
        Assert.True(denied.Rule?.Id == "stay_while_running", Describe(denied));
        var plain = understander.Understand("boleh nyalon bupati asal mundur dulu?");
        Assert.True(plain.Rule?.Id == "resign_first", Describe(plain));
        // "tolak" opposes what follows: refusing a flag is not waving one.
        var opposed = understander.Understand("boleh nyanyi lagu daerah di acara karaoke sambil tolak kibar bendera?");
        Assert.True(opposed.Rule?.Id == "sing_song", Describe(opposed));
    }
}
