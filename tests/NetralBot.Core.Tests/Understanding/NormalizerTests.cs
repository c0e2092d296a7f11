using NetralBot.Core.Knowledge;
using NetralBot.Core.Understanding;

namespace NetralBot.Core.Tests.Understanding;

public class NormalizerTests
{
    private static Normalizer Normalizer => RepositoryDialogs.Content.Understander.Normalizer;

    private static IReadOnlyList<string> Terms(string text) => Normalizer.Normalize(text).Terms;

    [Fact]
    public void Normalize_SlangAndFormalForms_MeetOnTheSameTerms()
    {
        Assert.Equal(Terms("memberi like pada unggahan calon legislatif"), Terms("ngasih like ke postingan caleg"));
    }

    [Fact]
    public void Normalize_ColloquialAffixes_AreReduced()
    {
        Assert.Equal(Terms("like"), Terms("ngelike"));
        Assert.Equal(Terms("share"), Terms("nge-share"));
    }

    [Fact]
    public void Normalize_NegationAndFillerWords_AreDropped()
    {
        var terms = Terms("min, boleh gak sih dong ngelike?");
        Assert.Equal(Terms("like"), terms);
    }

    [Fact]
    public void Normalize_NumberWordsAndDigits_AreTheSame()
    {
        Assert.Equal(Terms("salam 2 jari"), Terms("salam dua jari"));
    }

    [Fact]
    public void Normalize_Emoji_BecomeWords()
    {
        Assert.Equal(Terms("dua jari"), Terms("✌️"));
        Assert.Equal(Terms("✌️"), Terms("✌🏽"));
        Assert.Superset(Terms("dua jari").ToHashSet(), Terms("foto sambil ✌ sama paslon").ToHashSet());
    }

    [Fact]
    public void Normalize_Typos_AreCorrectedToKnownWords()
    {
        Assert.Equal(Terms("kampanye"), Terms("kampnye"));
        Assert.Equal(Terms("pasang baliho"), Terms("pasang balihoo"));
    }

    [Theory]
    [InlineData("sy pns, boleh like?", AskerStatus.Pns)]
    [InlineData("aku p3k mau tanya", AskerStatus.Pppk)]
    [InlineData("saya honorer di dinas", AskerStatus.Ppnpn)]
    [InlineData("boleh like postingan caleg?", AskerStatus.Unknown)]
    public void Normalize_StatusWords_AreRecognised(string text, AskerStatus expected)
    {
        Assert.Equal(expected, Normalizer.Normalize(text).Status);
    }

    [Fact]
    public void Normalize_EnglishAndJavanese_MapToIndonesian()
    {
        Assert.Contains(Terms("kampanye").Single(), Terms("may I attend a campaign rally?"));
        Assert.Equal(Terms("ikut kampanye"), Terms("melu kampanye"));
    }

    [Fact]
    public void Normalize_EmptyAndSymbolsOnly_GiveNoTerms()
    {
        Assert.Empty(Terms(""));
        Assert.Empty(Terms("?!... 🙏"));
    }
}
