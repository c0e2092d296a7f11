using NetralBot.Core.Knowledge;
using NetralBot.Core.Understanding;

namespace NetralBot.Core.Tests.Understanding;

public class QuestionUnderstanderTests
{
    private static QuestionUnderstander Understander => RepositoryDialogs.Content.Understander;

    [Theory]
    [InlineData("min, boleh gak sih ngelike postingan caleg?", "like_post_candidate", Verdict.TidakBoleh)]
    [InlineData("sy pns, foto bareng paslon sambil salam 2 jari gmn?", "finger_pose_number", Verdict.TidakBoleh)]
    [InlineData("boleh ga ngelike postingan KPU soal jadwal nyoblos?", "follow_official_accounts", Verdict.Boleh)]
    [InlineData("asn boleh nyoblos ga sih?", "vote_use_right", Verdict.Boleh)]
    [InlineData("kalo sudah CLTN boleh jadi jurkam istri?", "be_campaign_team_pemilu", Verdict.TidakBoleh)]
    [InlineData("udh jadi KPPS boleh like postingan caleg?", "like_post_candidate", Verdict.TidakBoleh)]
    [InlineData("foto jari tinta pose dua jari", "finger_pose_number", Verdict.TidakBoleh)]
    [InlineData("jadi timses capres boleh?", "be_campaign_team_pemilu", Verdict.TidakBoleh)]
    [InlineData("pake mobil dinas ke kampanye boleh gak", "use_state_facilities", Verdict.TidakBoleh)]
    [InlineData("can I like a candidate's instagram post?", "like_post_candidate", Verdict.TidakBoleh)]
    public void Understand_IssueExamples_AnswerTheRightRule(string question, string ruleId, Verdict verdict)
    {
        var result = Understander.Understand(question);
        Assert.Equal(Intent.Guidance, result.Intent);
        Assert.Equal(ruleId, result.Rule!.Id);
        Assert.Equal(verdict, result.Rule.Verdict);
    }

    [Theory]
    [InlineData("boleh nyoblos ke TPS kan?", "vote_use_right")]
    [InlineData("oleh ora melu kampanye nonton tok?", "attend_campaign_passive")]
    [InlineData("kalo cuma dateng kampanye buat dengerin visi misi gmn", "attend_campaign_passive")]
    public void Understand_LessSpecificQuestions_PutTheRightRuleFirst(string question, string ruleId)
    {
        var result = Understander.Understand(question);
        var first = result.Intent == Intent.Guidance ? result.Rule : result.Choices.FirstOrDefault();
        Assert.Equal(ruleId, first?.Id);
    }

    [Fact]
    public void Understand_SpouseCandidateAndBanner_NeverSaysPlainBoleh()
    {
        var result = Understander.Understand("istri sy nyaleg, boleh bantu pasang baliho?");
        var offered = result.Intent == Intent.Guidance ? [result.Rule!] : result.Choices;
        Assert.NotEmpty(offered);
        Assert.Contains(offered, r => r.Id is "install_banner" or "spouse_candidate_accompany");
        Assert.DoesNotContain(offered, r => r.Verdict == Verdict.Boleh);
    }

    [Theory]
    [InlineData("mau lapor")]
    [InlineData("atasan saya nyuruh pilih paslon 2")]
    [InlineData("sy mau ngadu ada kepala dinas kampanye")]
    public void Understand_WishToReport_IsReport(string message)
    {
        Assert.Equal(Intent.Report, Understander.Understand(message).Intent);
    }

    [Fact]
    public void Understand_MayASuperiorOrderStaff_IsAQuestionNotAReport()
    {
        var result = Understander.Understand("boleh gak atasan nyuruh staf datang ke kampanye?");
        Assert.NotEqual(Intent.Report, result.Intent);
    }

    [Theory]
    [InlineData("kapan gaji 13 cair?")]
    [InlineData("cara daftar cpns 2026 gimana")]
    [InlineData("cuaca besok hujan gak ya")]
    public void Understand_OtherTopics_AreOutOfScope(string message)
    {
        Assert.Equal(Intent.OutOfScope, Understander.Understand(message).Intent);
    }

    [Theory]
    [InlineData("halo min", Intent.Greeting)]
    [InlineData("assalamualaikum", Intent.Greeting)]
    [InlineData("menu", Intent.Menu)]
    [InlineData("makasih ya", Intent.Thanks)]
    public void Understand_SmallTalk_IsRecognised(string message, Intent intent)
    {
        Assert.Equal(intent, Understander.Understand(message).Intent);
    }

    [Fact]
    public void Understand_Gibberish_IsUnknown()
    {
        Assert.Equal(Intent.Unknown, Understander.Understand("qwxz plmk vvbn").Intent);
    }

    [Fact]
    public void Understand_VagueQuestion_OffersAtMostThreeChoices()
    {
        var result = Understander.Understand("pose?");
        Assert.Equal(Intent.Clarify, result.Intent);
        Assert.InRange(result.Choices.Count, 2, 3);
    }

    /// <summary>Acts read from a pattern of words (intents.yaml act_patterns) make a milder answer stricter, never milder.</summary>
    [Theory]
    [InlineData("sy guru, boleh nyaranin murid milih calon tertentu?", "direct_voters")]
    [InlineData("sy kepala ruangan RS, ga kasih izin perawat ke TPS karena shift pagi penuh", "obstruct_voters")]
    [InlineData("dikirimi jam tangan sama calon walikota, sy lurah. diterima boleh?", "receive_money_gift")]
    public void ActPatterns_NameTheForbiddenAct_WhateverTheVerb(string question, string ruleId)
    {
        var result = Understander.Understand(question);
        Assert.Equal(ruleId, result.Rule?.Id);
        Assert.Equal(Verdict.TidakBoleh, result.Rule!.Verdict);
    }

    /// <summary>Forbidden acts told mildly, without the rule's own words: whichever rule answers, never a milder verdict.</summary>
    [Theory]
    [InlineData("sy terusin aja ke grup alumni, katanya cawalkot itu punya utang. gpp kan?")]
    [InlineData("sy ketua panitia lomba 17an, cabup mau kasih sambutan dan hadiah. boleh?")]
    [InlineData("sy sekdis, pegawai pendukung lawan petahana sy mutasi ke pelosok. aman?")]
    [InlineData("sy mandor, jam kerja sengaja sy panjangin biar pekerja ga sempet nyoblos")]
    public void MildlyToldForbiddenActs_AreAnsweredTidakBoleh(string question)
    {
        var result = Understander.Understand(question);
        Assert.Equal(Intent.Guidance, result.Intent);
        Assert.Equal(Verdict.TidakBoleh, result.Rule!.Verdict);
    }

    [Theory]
    [InlineData("boleh ngajak warga nyoblos ke TPS?")]                              // encouraging to vote at all is allowed
    [InlineData("di resepsi nikahan ternyata ada cabup dateng, ngajak foto bareng tamu2, boleh ikut?")]
    [InlineData("asn gabung relawan pemantau independen pas pilkada aman?")]       // an observer, not a campaign team
    [InlineData("boleh share ajakan jangan golput, datang ke TPS dari KPU?")]      // a double denial is no obstruction
    [InlineData("sy perawat jaga shift pagi pas pemilu, ga sempet nyoblos, gmn?")] // the one kept from voting asks
    [InlineData("sy ga tau TPS nya dimana, gmn?")]                                // "tau" is no telling-not-to-vote
    public void ActPatterns_LeaveAllowedActsAlone(string question)
    {
        var result = Understander.Understand(question);
        Assert.NotEqual(Verdict.TidakBoleh, result.Rule?.Verdict);
    }
}
