using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Understanding;

/// <summary>
/// Decides what a message is: greeting/menu/help/thanks, a report, out of scope, an election the rules do not
/// cover, or a guidance question — answered with a rule (and close alternatives as buttons), clarified when
/// readings with different verdicts are tied, or not understood.
/// </summary>
public sealed partial class QuestionUnderstander
{
    /// <summary>Above this a thanks or greeting word does not hide a real question ("makasih, boleh like caleg?").</summary>
    private const double ClearQuestion = 0.6;

    /// <summary>How many words may stand between two words of a report situation ("atasan … suruh").</summary>
    private const int SituationGap = 3;

    private const int MaxChoices = 3;
    private const int MaxAlternatives = 2;

    private readonly IntentLexicon _intents;
    private readonly HashSet<string> _chatWords;
    private readonly AnswerPolicy _policy;
    private readonly RuleActs _acts;
    private readonly Normalizer _plain;

    public QuestionUnderstander(IReadOnlyList<Rule> rules, Lexicon lexicon, IntentLexicon intents, AnswerPolicy? policy = null)
    {
        _intents = intents;
        _policy = policy ?? AnswerPolicy.Default;
        var plain = _plain = new Normalizer(lexicon);
        Matcher = new RuleMatcher(rules, plain);
        var intentWords = intents.Greeting.Concat(intents.Menu).Concat(intents.Help).Concat(intents.Thanks).Concat(intents.QuestionMarkers)
            .Concat(intents.ReportAlways.SelectMany(s => s)).Concat(intents.ReportSituations.SelectMany(s => s))
            .Concat(intents.OutOfScope.SelectMany(s => s)).Concat(intents.ElectionWords)
            .Concat(intents.NotCovered.Topics.SelectMany(s => s)).Concat(intents.NotCovered.Unless.SelectMany(s => s))
            .Concat(intents.NotCovered.Askers.SelectMany(s => s)).Concat(intents.NotCovered.ElectionFacts.SelectMany(s => s));
        var known = plain.KnownForms.Concat(Matcher.Vocabulary).Concat(intentWords).Distinct(StringComparer.Ordinal)
            .Select(word => (word, string.Join(' ', plain.Normalize(word).AllTerms)));
        Normalizer = new Normalizer(lexicon, new TypoCorrector(known));
        _chatWords = [.. intents.Greeting, .. intents.Menu, .. intents.Help, .. intents.Thanks, .. lexicon.Stopwords];
        _acts = new RuleActs(rules, plain);
        _rulesById = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        _outOfScope = new WordSets(intents.OutOfScope);
        _reportAlways = new WordSets(intents.ReportAlways);
        _otherElections = new WordSets(intents.NotCovered.Topics);
        _electionsUnless = new WordSets(intents.NotCovered.Unless);
        _electionFacts = new WordSets(intents.NotCovered.ElectionFacts);
    }

    private readonly WordSets _outOfScope, _reportAlways, _otherElections, _electionsUnless, _electionFacts;

    private readonly Dictionary<string, Rule> _rulesById;

    public Normalizer Normalizer { get; }

    public RuleMatcher Matcher { get; }

    public Understanding Understand(string message)
    {
        var text = Normalizer.Normalize(message);
        var typed = Tokenizer.Split(message);
        var written = LanguageOf(typed);
        var all = text.AllTerms;
        var words = new HashSet<string>(all, StringComparer.Ordinal);
        var match = Matcher.Match(text);
        var clearQuestion = match.Confidence >= ClearQuestion;

        if (AnyChatSignal(all))
        {
            // "help", "selamat siang, mau tanya": only chat words. "makasih infonya": thanks with a word or two.
            var otherWords = all.Count(t => !_chatWords.Contains(t));
            if (otherWords == 0 || (!clearQuestion && (otherWords == 1 || all.Any(_intents.Thanks.Contains))))
            {
                return Simple(ChatIntent(all), text.Status, written);
            }
        }

        // An out-of-scope topic ("pensiun", "gaji 13") decides only when nothing in the message is about elections;
        // it goes before reports: "absen online error, lapor ke mana?" is not a neutrality report.
        if (_outOfScope.AnyWithin(words) && !words.Overlaps(_intents.ElectionWords))
        {
            return new Understanding(Intent.OutOfScope, match, [], text.Status, Written: written);
        }
        var asksIfAllowed = words.Overlaps(_intents.QuestionMarkers);
        // "mau lapor", "lapor tanpa nama": a stated wish to report is a report even when the story matches a rule well;
        // a lone "lapor" in a clear may-I question ("boleh like postingan Bawaslu soal cara lapor?") is not.
        var statesWishToReport = _reportAlways.AnyWithin(words, minimumLength: 2);
        var wantsToReport = statesWishToReport || (_reportAlways.AnyWithin(words) && !(asksIfAllowed && clearQuestion));
        var describesViolation = !asksIfAllowed && AnyInOrder(_intents.ReportSituations, all);
        if (wantsToReport || describesViolation)
        {
            return Simple(Intent.Report, text.Status, written);
        }
        if (NotCoveredBecause(words, all, text.Status) is { } reason)
        {
            return Simple(Intent.NotCovered, text.Status, written) with { NotCovered = reason };
        }
        if (match.Best is not { } best || best.Score < _policy.MinScore || !HasSubject(text) || LooksLikeCode(message))
        {
            return new Understanding(Intent.Unknown, match, [], text.Status, Written: written);
        }

        var tied = Tied(match, Math.Min(best.Score * _policy.TieRatio, StricterWithin(match, _policy.CautionRatio)));
        var singleWord = typed.Count <= 1;
        var present = RuleActs.Present(text);
        var actNamed = singleWord ? null : StricterActNamed(match, present) ?? TiedStrictestActNamed(tied, present) ?? PatternActNamed(best.Rule, present);
        if (actNamed is null && (singleWord || tied.Any(r => r.Verdict != best.Rule.Verdict)))
        {
            // Truly tied readings with different verdicts (or one bare word): the person chooses, strictest first.
            var choices = (tied.Count > 1 ? tied : match.Candidates.Select(c => c.Rule))
                .Take(MaxChoices).OrderByDescending(r => Strictness(r.Verdict)).ToList();
            return new Understanding(Intent.Clarify, match, choices, text.Status, Written: written);
        }

        var answered = actNamed ?? best.Rule;
        return new Understanding(Intent.Guidance, match, [], text.Status, answered, Alternatives(match, answered), written);
    }

    /// <summary>The candidates from the best down to the last one scoring at least <paramref name="floor"/>.</summary>
    private static List<Rule> Tied(MatchResult match, double floor)
    {
        var tied = new List<Rule>(4);
        foreach (var candidate in match.Candidates)
        {
            if (candidate.Score < floor)
            {
                break;
            }
            tied.Add(candidate.Rule);
        }
        return tied;
    }

    /// <summary>Close readings other than the one answered, best first, offered as buttons.</summary>
    private List<Rule> Alternatives(MatchResult match, Rule answered)
    {
        var floor = match.Best!.Score * _policy.AlternativeRatio;
        var alternatives = new List<Rule>(MaxAlternatives);
        foreach (var candidate in match.Candidates)
        {
            if (alternatives.Count == MaxAlternatives)
            {
                break;
            }
            if (candidate.Rule != answered && candidate.Score >= floor)
            {
                alternatives.Add(candidate.Rule);
            }
        }
        return alternatives;
    }

    /// <summary>
    /// Among tied readings, the strictest one whose own act the question names against every milder tied reading
    /// ("foto jari tinta pose dua jari": the pose decides), so a tie that the words settle is answered, not asked.
    /// </summary>
    private Rule? TiedStrictestActNamed(List<Rule> tied, HashSet<string> present)
    {
        var strictest = tied[0];
        foreach (var rule in tied)
        {
            strictest = Strictness(rule.Verdict) > Strictness(strictest.Verdict) ? rule : strictest; // the first of the strictest
        }
        var anyMilder = false;
        foreach (var rule in tied)
        {
            if (Strictness(rule.Verdict) < Strictness(strictest.Verdict))
            {
                if (!_acts.Names(strictest, present, rule))
                {
                    return null;
                }
                anyMilder = true;
            }
        }
        return anyMilder ? strictest : null;
    }

    /// <summary>The score of the last stricter-than-best candidate within <paramref name="ratio"/> of the best (so the
    /// tie reaches it), or the best score when there is none.</summary>
    private static double StricterWithin(MatchResult match, double ratio)
    {
        var best = match.Best!;
        var lowest = double.MaxValue;
        for (var i = 1; i < match.Candidates.Count; i++)
        {
            var candidate = match.Candidates[i];
            if (candidate.Score >= best.Score * ratio && Strictness(candidate.Rule.Verdict) > Strictness(best.Rule.Verdict))
            {
                lowest = Math.Min(lowest, candidate.Score);
            }
        }
        return lowest == double.MaxValue ? best.Score : lowest;
    }

    /// <summary>
    /// The rule a question would be answered with if the rules were <paramref name="rules"/> instead (the
    /// leave-one-out check of dialogs/: an example taken out of its rule must still find it, or a rule with the
    /// same verdict).
    /// </summary>
    internal Rule? AnswerAmong(IReadOnlyList<Rule> rules, string question)
    {
        var text = Normalizer.Normalize(question);
        var match = new RuleMatcher(rules, _plain).Match(text);
        return match.Best is null ? null : StricterActNamed(match, RuleActs.Present(text)) ?? match.Best.Rule;
    }

    /// <summary>
    /// A wrong "boleh" costs most. When the best match is milder and a close stricter candidate's own act is named
    /// in the question ("sudah CLTN, boleh jadi jurkam istri?": jurkam), the act decides, not the context.
    /// </summary>
    private Rule? StricterActNamed(MatchResult match, HashSet<string> present)
    {
        var top = match.Best!;
        Rule? named = null;
        var namedStrictness = Strictness(top.Rule.Verdict);
        for (var i = 1; i < match.Candidates.Count; i++)
        {
            // The strictest named act; among equally strict ones the better ranked (only a stricter one replaces it).
            var candidate = match.Candidates[i];
            var strictness = Strictness(candidate.Rule.Verdict);
            if (candidate.Score >= top.Score * _policy.ActRatio && strictness > namedStrictness && _acts.Names(candidate.Rule, present, top.Rule))
            {
                named = candidate.Rule;
                namedStrictness = strictness;
            }
        }
        return named;
    }

    /// <summary>
    /// A forbidden act named by a pattern of words (intents.yaml act_patterns) that the milder best match does not
    /// cover: "sy guru, boleh nyaranin murid milih calon tertentu?" directs voters, whichever verb is used. Denied
    /// words ("ga ngelarang") do not count.
    /// </summary>
    private Rule? PatternActNamed(Rule best, HashSet<string> present)
    {
        foreach (var pattern in _intents.ActPatterns ?? [])
        {
            if (_rulesById.GetValueOrDefault(pattern.RuleId) is { } rule && Strictness(rule.Verdict) > Strictness(best.Verdict)
                && AllOverlap(pattern.Groups, present))
            {
                return rule;
            }
        }
        return null;
    }

    private static bool AllOverlap(IReadOnlyList<IReadOnlySet<string>> groups, HashSet<string> present)
    {
        foreach (var group in groups)
        {
            var overlaps = false;
            foreach (var word in present)
            {
                if (group.Contains(word))
                {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps)
            {
                return false;
            }
        }
        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex(
        @"\b(select\b.*\bfrom|insert\b.*\binto|delete\b.*\bfrom|drop\b.*\btable|union\b.*\bselect)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SqlStatement();

    /// <summary>Code, markup or SQL ("print(\"hello\")", "&lt;script&gt;…", "' OR 1=1 --") is no question, whatever words it contains.</summary>
    private static bool LooksLikeCode(string message)
    {
        int visible = 0, code = 0;
        foreach (var c in message)
        {
            visible += char.IsWhiteSpace(c) ? 0 : 1;
            code += c is '<' or '>' or '(' or ')' or '{' or '}' or '[' or ']' or '=' or ';' or '"' or '\'' or '`' or '$' or '\\' or '*' ? 1 : 0;
        }
        return (code >= 3 && code * 5 >= visible) || SqlStatement().IsMatch(message);
    }

    /// <summary>A question needs a word the rules know beyond question words, statuses and numbers ("-1", "OR 1=1").</summary>
    private bool HasSubject(NormalizedText text)
    {
        foreach (var term in text.Terms)
        {
            if (Matcher.Vocabulary.Contains(term) && !_intents.QuestionMarkers.Contains(term) && !Normalizer.StatusTerms.Contains(term) && HasLetter(term))
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasLetter(string term)
    {
        foreach (var c in term)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <param name="tokens">The message's words as typed (lower-cased by the tokenizer), before normalisation.</param>
    private Language? LanguageOf(List<string> tokens)
    {
        var english = 0;
        foreach (var token in tokens)
        {
            english += _intents.EnglishWords.Contains(token) ? 1 : 0;
        }
        if (english >= 2 && english * 10 >= tokens.Count * 3)
        {
            return Language.English;
        }
        return english == 0 && tokens.Count >= 2 ? Language.Indonesian : null;
    }

    internal static int Strictness(Verdict verdict) => verdict switch
    {
        Verdict.TidakBoleh => 2,
        Verdict.Bersyarat => 1,
        _ => 0,
    };

    private bool AnyChatSignal(IReadOnlyList<string> terms)
    {
        foreach (var term in terms)
        {
            if (_intents.Greeting.Contains(term) || _intents.Menu.Contains(term) || _intents.Help.Contains(term) || _intents.Thanks.Contains(term))
            {
                return true;
            }
        }
        return false;
    }

    private static bool AnyInOrder(IReadOnlyList<string[]> sequences, IReadOnlyList<string> terms)
    {
        foreach (var sequence in sequences)
        {
            if (ContainsInOrder(terms, sequence))
            {
                return true;
            }
        }
        return false;
    }

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

    /// <summary>
    /// Outside the neutrality rules: another election (unless a Pemilu/Pilkada word is also there), or, when the message
    /// names no civil-servant status, an outside asker or a question about the election itself.
    /// </summary>
    private NotCoveredReason? NotCoveredBecause(HashSet<string> words, IReadOnlyList<string> all, Knowledge.AskerStatus status)
    {
        if (_otherElections.AnyWithin(words) && !_electionsUnless.AnyWithin(words))
        {
            return NotCoveredReason.OtherElection;
        }
        if (status != Knowledge.AskerStatus.Unknown)
        {
            return null;
        }
        if (AsksAsOutsider(all))
        {
            return NotCoveredReason.OutsideAsker;
        }
        return _electionFacts.AnyWithin(words) ? NotCoveredReason.ElectionFacts : null;
    }

    /// <summary>
    /// The asker says they are not a civil servant ("sy wiraswasta, boleh jadi timses?", "boleh ga mahasiswa ikut
    /// kampanye?"): an asker word with only "saya" and question words before it.
    /// </summary>
    private bool AsksAsOutsider(IReadOnlyList<string> terms)
    {
        foreach (var asker in _intents.NotCovered.Askers)
        {
            for (var start = 0; start + asker.Length <= terms.Count && start <= 3; start++)
            {
                if (start > 0 && terms[start - 1] != FirstPerson && !_intents.QuestionMarkers.Contains(terms[start - 1]))
                {
                    break; // a word before the asker that is neither "saya" nor a question word: no later start fits either
                }
                if (StartsWith(terms, start, asker))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private const string FirstPerson = "saya";

    private static bool StartsWith(IReadOnlyList<string> terms, int start, string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (terms[start + i] != words[i])
            {
                return false;
            }
        }
        return true;
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

    private static Understanding Simple(Intent intent, AskerStatus status, Language? written) => new(intent, MatchResult.None, [], status, Written: written);
}
