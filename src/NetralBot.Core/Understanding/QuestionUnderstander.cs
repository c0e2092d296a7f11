using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Understanding;

/// <summary>
/// Decides what a message is: greeting/menu/help/thanks, a report, out of scope, or a guidance question
/// answered with a rule, clarified with up to three choices, or not understood.
/// </summary>
public sealed class QuestionUnderstander
{
    /// <summary>Confidence at or above which the best rule is answered directly (set from the dev set).</summary>
    public const double AnswerThreshold = 0.42;

    /// <summary>Confidence at or above which the bot offers choices instead of saying it did not understand.</summary>
    public const double ClarifyThreshold = 0.12;

    private const int MaxChoices = 3;
    private const double ChoiceScoreRatio = 0.55;

    private readonly IntentLexicon _intents;
    private readonly HashSet<string> _chatWords;

    public QuestionUnderstander(IReadOnlyList<Rule> rules, Lexicon lexicon, IntentLexicon intents)
    {
        _intents = intents;
        var plain = new Normalizer(lexicon);
        Matcher = new RuleMatcher(rules, plain);
        var known = plain.KnownForms.Concat(Matcher.Vocabulary)
            .Concat(intents.Greeting).Concat(intents.Menu).Concat(intents.Help).Concat(intents.Thanks);
        Normalizer = new Normalizer(lexicon, new TypoCorrector(known));
        _chatWords = [.. intents.Greeting, .. intents.Menu, .. intents.Help, .. intents.Thanks, .. lexicon.Stopwords];
    }

    public Normalizer Normalizer { get; }

    public RuleMatcher Matcher { get; }

    public Understanding Understand(string message)
    {
        var text = Normalizer.Normalize(message);
        var all = text.AllTerms;
        if (all.Count > 0 && all.All(_chatWords.Contains) && all.Any(IsChatSignal))
        {
            return Simple(ChatIntent(all), text.Status);
        }

        var terms = new HashSet<string>(all, StringComparer.Ordinal);
        var asksIfAllowed = terms.Overlaps(_intents.QuestionMarkers);
        if (_intents.ReportAlways.Any(terms.IsSupersetOf) ||
            (!asksIfAllowed && _intents.ReportSituations.Any(terms.IsSupersetOf)))
        {
            return Simple(Intent.Report, text.Status);
        }

        var match = Matcher.Match(text);
        var outOfScope = _intents.OutOfScope.Any(terms.IsSupersetOf);
        if (match.Confidence >= AnswerThreshold && !(outOfScope && match.Confidence < 0.6))
        {
            return new Understanding(Intent.Guidance, match, [], text.Status);
        }
        if (outOfScope)
        {
            return new Understanding(Intent.OutOfScope, match, [], text.Status);
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

    private static Understanding Simple(Intent intent, AskerStatus status) => new(intent, MatchResult.None, [], status);
}
