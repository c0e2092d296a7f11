using NetralBot.Core.Understanding;

namespace NetralBot.Core.Tests.Understanding;

/// <summary>
/// The matcher keeps its score arrays per thread and empties them after each question: a question's ranking must not
/// depend on what was asked before it, on which other knowledge base the same thread matched against, or on other
/// threads matching at the same time.
/// </summary>
public class RuleMatcherTests
{
    private static readonly string[] Questions =
    [
        "sy PNS, boleh gak sih ngelike postingan caleg di IG?",
        "foto bareng paslon sambil salam 2 jari gmn?",
        "pake mobil dinas ke kampanye boleh gak",
        "boleh nyoblos ke TPS kan?",
        "istri saya nyaleg, boleh saya bantu pasang baliho?",
        "halo",
    ];

    [Fact]
    public void Match_AfterAnotherKnowledgeBaseOnTheSameThread_RanksAsBefore()
    {
        var real = RepositoryDialogs.Content.Understander;
        var other = SyntheticRules.Load(
            new SyntheticRules.Spec("pasang_baliho", "tidak_boleh", ["pasang baliho", "spanduk", "stiker"],
                ["boleh pasang baliho caleg?", "tempel stiker paslon di rumah", "pasang spanduk partai"], "Memasang baliho"),
            new SyntheticRules.Spec("like_postingan", "tidak_boleh", ["like postingan", "jempol", "love"],
                ["boleh like postingan caleg?", "kasih jempol status capres", "love foto paslon"], "Menyukai postingan")).Understander;
        var before = Questions.Select(q => Ranking(real, q)).ToList();

        var interleaved = new List<string>();
        foreach (var question in Questions)
        {
            _ = Ranking(other, question + " baliho postingan");
            interleaved.Add(Ranking(real, question));
        }

        Assert.Equal(before, interleaved);
        Assert.Contains("like_post_candidate", before[0]);
        Assert.StartsWith("pasang_baliho", Ranking(other, "boleh pasang baliho?"));
    }

    [Fact]
    public void Match_OnManyThreadsAtOnce_RanksAsOneThreadDoes()
    {
        var understander = RepositoryDialogs.Content.Understander;
        var expected = Questions.Select(q => Ranking(understander, q)).ToList();

        var results = new string[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            results[t] = [.. Enumerable.Range(0, 200).Select(i => Ranking(understander, Questions[(i + t) % Questions.Length]))];
        });

        for (var t = 0; t < results.Length; t++)
        {
            for (var i = 0; i < results[t].Length; i++)
            {
                Assert.Equal(expected[(i + t) % Questions.Length], results[t][i]);
            }
        }
    }

    [Fact]
    public void Match_AQuestionSharingNoWordWithAnyRule_FindsNothing()
    {
        var matcher = RepositoryDialogs.Content.Understander.Matcher;

        Assert.Null(matcher.Match(RepositoryDialogs.Content.Understander.Normalizer.Normalize("qwzx vbnm")).Best);
    }

    private static string Ranking(QuestionUnderstander understander, string question) =>
        string.Join(",", understander.Matcher.Match(understander.Normalizer.Normalize(question)).Candidates.Select(c => $"{c.Rule.Id}:{c.Score:R}"));
}
