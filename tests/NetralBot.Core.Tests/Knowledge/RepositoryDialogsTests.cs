using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Tests.Knowledge;

/// <summary>The real dialogs/ data: complete, consistent, and faithful to the fact sheet's hard cases.</summary>
public class RepositoryDialogsTests
{
    private static DialogContent Content => RepositoryDialogs.Content;

    [Fact]
    public void Rules_CoverAtLeast45Actions_BothProhibitedAndAllowed()
    {
        Assert.True(Content.RuleList.Count >= 45, $"{Content.RuleList.Count} rules");
        Assert.Contains(Content.RuleList, r => r.Verdict == Verdict.Boleh);
        Assert.Contains(Content.RuleList, r => r.Verdict == Verdict.TidakBoleh);
        Assert.Contains(Content.RuleList, r => r.Verdict == Verdict.Bersyarat);
        Assert.All(new[] { "vote_use_right", "watch_debate_read_vision", "share_neutral_kpu_info" },
            id => Assert.Equal(Verdict.Boleh, Content.Rules[id].Verdict));
    }

    [Fact]
    public void PassiveCampaignAttendance_IsContested_WithBothSides_AndTheSafeAnswerDont()
    {
        var rule = Content.Rules["attend_campaign_passive"];
        Assert.True(rule.Contested);
        Assert.Equal(Verdict.TidakBoleh, rule.Verdict);
        Assert.True(rule.Indonesian.Views.Count >= 2);
        Assert.Equal(rule.Indonesian.Views.Count, rule.English.Views.Count);
    }

    [Fact]
    public void EveryRule_HasBasisSanctionExamplesAndEnglish()
    {
        Assert.All(Content.RuleList, rule =>
        {
            Assert.NotEmpty(rule.Basis);
            Assert.NotEmpty(rule.Covers);
            Assert.InRange(rule.Related.Count, 1, 3);
            Assert.False(string.IsNullOrWhiteSpace(rule.English.Short));
            Assert.False(string.IsNullOrWhiteSpace(rule.Indonesian.Sanction.General));
        });
    }

    [Fact]
    public void NoRule_CitesTheRevokedSanctionsOfPp53()
    {
        Assert.All(Content.RuleList, rule =>
        {
            var sanction = rule.Indonesian.Sanction;
            var all = string.Join(' ', sanction.General, sanction.Pns, sanction.Pppk, sanction.Ppnpn).ToLowerInvariant();
            Assert.DoesNotContain("penundaan kenaikan gaji berkala", all, StringComparison.Ordinal);
            Assert.DoesNotContain("penurunan pangkat", all, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Menu_HasEveryRuleInExactlyOneTopic()
    {
        var inTopics = Content.Categories.SelectMany(c => c.RuleIds).ToList();
        Assert.Equal(inTopics.Count, inTopics.Distinct().Count());
        Assert.Equal(Content.RuleList.Select(r => r.Id).Order(), inTopics.Order());
    }

    [Fact]
    public void EveryTextKey_ExistsInBothLanguages()
    {
        foreach (var language in Enum.GetValues<Language>())
        {
            Assert.All(TextKey.All, key => Assert.False(string.IsNullOrWhiteSpace(Content.Texts.Get(language, key))));
        }
    }

    [Fact]
    public void ButtonPayloads_FitTelegramsCallbackLimit()
    {
        Assert.All(Content.RuleList, rule => Assert.True(System.Text.Encoding.UTF8.GetByteCount("r:" + rule.Id) <= 64));
    }

    /// <summary>The sample questions the bot itself suggests (welcome, help, ask prompt) get a direct answer.</summary>
    [Fact]
    public void SampleQuestionsInTheTexts_AreAnswered_NotClarified()
    {
        var samples = new[] { TextKey.Welcome, TextKey.Help, TextKey.AskPrompt }
            .SelectMany(key => new[] { Language.Indonesian, Language.English }.Select(language => Content.Texts.Get(language, key)))
            .SelectMany(text => System.Text.RegularExpressions.Regex.Matches(text, "\"([^\"]+\\?)\"").Select(m => m.Groups[1].Value))
            .ToList();
        Assert.True(samples.Count >= 4, string.Join(" | ", samples));
        Assert.All(samples, sample =>
        {
            var understood = Content.Understander.Understand(sample);
            Assert.True(understood.Intent == Core.Understanding.Intent.Guidance, $"{sample}: {understood.Intent}");
        });
        Assert.Equal(Verdict.TidakBoleh, Content.Understander.Understand("istri saya nyaleg, boleh bantu pasang baliho?").Rule!.Verdict);
    }

    /// <summary>Words meant for editors never reach users: certainty is said in plain words.</summary>
    [Fact]
    public void UserFacingRuleTexts_HaveNoEditorWords()
    {
        string[] editorWords = ["belum diverifikasi", "tidak diverifikasi", "inferensi", "fact sheet", "baris #", "not verified", "inference"];
        Assert.All(Content.RuleList, rule =>
        {
            foreach (var text in new[] { rule.Indonesian, rule.English })
            {
                var all = string.Join("\n", new[] { text.Title, text.Short, text.Explanation, text.When ?? "", text.Note ?? "", text.Sanction.General }
                    .Concat(text.Conditions).Concat(text.Views.Select(v => v.By + " " + v.Says)).Concat(rule.Basis));
                Assert.DoesNotContain(editorWords, w => all.Contains(w, StringComparison.OrdinalIgnoreCase));
            }
        });
    }
}
