namespace NetralBot.Core.Understanding;

/// <summary>The signals of non-guidance intents from dialogs/intents.yaml, as normalised token sets.</summary>
/// <param name="Greeting">Words that make a greeting when nothing else is said.</param>
/// <param name="Menu">Words asking for the menu.</param>
/// <param name="Help">Words asking for help.</param>
/// <param name="Thanks">Words of thanks.</param>
/// <param name="ReportAlways">Token sets that always mean "I want to report".</param>
/// <param name="ReportSituations">Token sets that describe someone else's violation (a report unless asked as "boleh?").</param>
/// <param name="QuestionMarkers">Raw words that make a message a may-I question.</param>
/// <param name="OutOfScope">Token sets of topics the bot does not cover.</param>
/// <param name="ElectionWords">Terms that make a message about elections (so an out-of-scope word does not win).</param>
/// <param name="NotCovered">Token sets of elections the neutrality rules do not cover (RT/RW, OSIS, koperasi…), and the
/// Pemilu/Pilkada terms that override them ("ketua RT jadi timses caleg" is a Pemilu question), and the askers the rules
/// are not for ("saya wiraswasta", "mahasiswa boleh …?") when they name no civil-servant status, and questions about the
/// election itself ("hasil pilkada", "ambang batas") when they name no civil-servant status.</param>
/// <param name="EnglishWords">Raw lower-case words that mark a message as written in English.</param>
/// <param name="ActPatterns">Forbidden acts read from a pattern of words (one word of each group) rather than one rule's
/// keywords: "sarankan murid pilih calon tertentu" directs voters whatever verb is used.</param>
public sealed record IntentLexicon(
    IReadOnlySet<string> Greeting,
    IReadOnlySet<string> Menu,
    IReadOnlySet<string> Help,
    IReadOnlySet<string> Thanks,
    IReadOnlyList<string[]> ReportAlways,
    IReadOnlyList<string[]> ReportSituations,
    IReadOnlySet<string> QuestionMarkers,
    IReadOnlyList<string[]> OutOfScope,
    IReadOnlySet<string> ElectionWords,
    (IReadOnlyList<string[]> Topics, IReadOnlyList<string[]> Unless, IReadOnlyList<string[]> Askers, IReadOnlyList<string[]> ElectionFacts) NotCovered,
    IReadOnlySet<string> EnglishWords,
    IReadOnlyList<ActPattern>? ActPatterns = null);

/// <summary>An act named by one normalised word of each group, and the rule that answers it (its line for errors).</summary>
public sealed record ActPattern(string RuleId, IReadOnlyList<IReadOnlySet<string>> Groups, int Line);
