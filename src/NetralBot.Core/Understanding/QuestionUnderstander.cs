using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Understanding;

/// <summary>
/// Decides what a message is: greeting/menu/help/thanks, a report, out of scope, or a guidance question
/// answered with a rule, clarified with up to three choices, or not understood.
/// </summary>
public sealed class QuestionUnderstander
{
    /// <summary>Confidence at or above which the best rule is answered directly (chosen on the dev set; see DevSetTests).</summary>
    public const double AnswerThreshold = 0.46;

    /// <summary>Confidence at or above which the bot offers choices instead of saying it did not understand.</summary>
    public const double ClarifyThreshold = 0.15;

    /// <summary>Above this a thanks or greeting word does not hide a real question ("makasih, boleh like caleg?").</summary>
    private const double ClearQuestion = 0.6;

    /// <summary>How many words may stand between two words of a report situation ("atasan … suruh").</summary>
    private const int SituationGap = 3;

    private const int MaxChoices = 3;
    private const double ChoiceScoreRatio = 0.55;
    private const double CloseScoreRatio = 0.75;

    private readonly IntentLexicon _intents;
    private readonly HashSet<string> _chatWords;

    public QuestionUnderstander(IReadOnlyList<Rule> rules, Lexicon lexicon, IntentLexicon intents)
    {
        _intents = intents;
        var plain = new Normalizer(lexicon);
        Matcher = new RuleMatcher(rules, plain);
        var intentWords = intents.Greeting.Concat(intents.Menu).Concat(intents.Help).Concat(intents.Thanks).Concat(intents.QuestionMarkers)
            .Concat(intents.ReportAlways.SelectMany(s => s)).Concat(intents.ReportSituations.SelectMany(s => s))
            .Concat(intents.OutOfScope.SelectMany(s => s)).Concat(intents.ElectionWords);
        var known = plain.KnownForms.Concat(Matcher.Vocabulary).Concat(intentWords).Distinct(StringComparer.Ordinal)
            .Select(word => (word, string.Join(' ', plain.Normalize(word).AllTerms)));
        Normalizer = new Normalizer(lexicon, new TypoCorrector(known));
        _chatWords = [.. intents.Greeting, .. intents.Menu, .. intents.Help, .. intents.Thanks, .. lexicon.Stopwords];
    }

    public Normalizer Normalizer { get; }

    public RuleMatcher Matcher { get; }

    public Understanding Understand(string message)
    {
        var text = Normalizer.Normalize(message);
        var all = text.AllTerms;
        var words = new HashSet<string>(all, StringComparer.Ordinal);
        var match = Matcher.Match(text);
        var clearQuestion = match.Confidence >= ClearQuestion;

        if (all.Any(IsChatSignal))
        {
            // "help", "selamat siang, mau tanya": only chat words. "makasih infonya": thanks with a word or two.
            var otherWords = all.Count(t => !_chatWords.Contains(t));
            if (otherWords == 0 || (!clearQuestion && (otherWords == 1 || all.Any(_intents.Thanks.Contains))))
            {
                return Simple(ChatIntent(all), text.Status);
            }
        }

        var asksIfAllowed = words.Overlaps(_intents.QuestionMarkers);
        var wantsToReport = _intents.ReportAlways.Any(words.IsSupersetOf) && !(asksIfAllowed && clearQuestion);
        var describesViolation = !asksIfAllowed && _intents.ReportSituations.Any(s => ContainsInOrder(all, s));
        if (wantsToReport || describesViolation)
        {
            return Simple(Intent.Report, text.Status);
        }

        // An out-of-scope topic ("pensiun", "gaji 13") decides only when nothing in the message is about elections.
        if (_intents.OutOfScope.Any(words.IsSupersetOf) && !words.Overlaps(_intents.ElectionWords))
        {
            return new Understanding(Intent.OutOfScope, match, [], text.Status);
        }
        if (match.Confidence >= AnswerThreshold && !StricterRuleIsClose(match))
        {
            return new Understanding(Intent.Guidance, match, [], text.Status);
        }
        if (match.Confidence >= ClarifyThreshold && match.Best is { } best)
        {
            var choices = match.Candidates
                .Where(c => c.Score >= best.Score * ChoiceScoreRatio)
                .Take(MaxChoices)
                .Select(c => c.Rule)
                .ToList();
            return new Understanding(Intent.Clarify, match, choices, text.Status);
        }
        return new Understanding(Intent.Unknown, match, [], text.Status);
    }

    /// <summary>
    /// A wrong "boleh" costs most: when a close runner-up is stricter ("istri saya nyaleg" + "pasang baliho"),
    /// the person chooses instead of being told the milder answer.
    /// </summary>
    private static bool StricterRuleIsClose(MatchResult match)
    {
        var top = match.Best!;
        return match.Candidates.Skip(1).Any(c => c.Score >= top.Score * CloseScoreRatio && Strictness(c.Rule.Verdict) > Strictness(top.Rule.Verdict));
    }

    private static int Strictness(Verdict verdict) => verdict switch
    {
        Verdict.TidakBoleh => 2,
        Verdict.Bersyarat => 1,
        _ => 0,
    };

    private bool IsChatSignal(string term) =>
        _intents.Greeting.Contains(term) || _intents.Menu.Contains(term) || _intents.Help.Contains(term) || _intents.Thanks.Contains(term);

    private Intent ChatIntent(IReadOnlyList<string> terms)
    {
        if (terms.Any(_intents.Menu.Contains))
        {
            return Intent.Menu;
        }
        if (terms.Any(_intents.Help.Contains))
        {
            return Intent.Help;
        }
        return terms.Any(_intents.Thanks.Contains) ? Intent.Thanks : Intent.Greeting;
    }

    /// <summary>True when the words of <paramref name="sequence"/> occur in order, each within a few words of the previous.</summary>
    private static bool ContainsInOrder(IReadOnlyList<string> terms, string[] sequence)
    {
        for (var start = 0; start < terms.Count; start++)
        {
            if (terms[start] != sequence[0])
            {
                continue;
            }
            var position = start;
            var matched = 1;
            while (matched < sequence.Length)
            {
                var next = -1;
                for (var j = position + 1; j < terms.Count && j <= position + 1 + SituationGap; j++)
                {
                    if (terms[j] == sequence[matched])
                    {
                        next = j;
                        break;
                    }
                }
                if (next < 0)
                {
                    break;
                }
                position = next;
                matched++;
            }
            if (matched == sequence.Length)
            {
                return true;
            }
        }
        return false;
    }

    private static Understanding Simple(Intent intent, AskerStatus status) => new(intent, MatchResult.None, [], status);
}
