using System.Globalization;
using System.Text;

namespace NetralBot.Core.Dialogs.Subscription;

/// <summary>
/// Finds which offered choice a typed name means ("sleman", "KAB. SLEMAN", "kab slemen", "gunung kidul",
/// "kesehatan"), forgiving case, spacing, punctuation, the "kab."/"kabupaten"/"kota" prefix and small typos. Returns
/// null when nothing fits or when two choices fit equally well ("dinas"), so the caller asks again rather than guess.
/// </summary>
public static class ChoiceNameMatcher
{
    // A typed answer longer than this is a sentence (most likely a question), not a name.
    private const int MaxWords = 6;

    private static readonly Dictionary<string, string> Prefixes = new(StringComparer.Ordinal)
    {
        ["kabupaten"] = "kabupaten", ["kab"] = "kabupaten", ["kota"] = "kota", ["kotamadya"] = "kota", ["kodya"] = "kota",
    };

    /// <summary>The index in <paramref name="choices"/> of the one choice the text names, or null.</summary>
    public static int? Find(string? typed, IReadOnlyList<string> choices)
    {
        var t = Name.Of(typed ?? "");
        if (t.Words.Length == 0 || t.Words.Length > MaxWords)
        {
            return null;
        }
        var names = choices.Select(Name.Of).ToList();

        // 1. The same name, ignoring case, spacing, punctuation and how the prefix is written.
        // 2. The same name without its prefix ("sleman", "kota sleman" for Kabupaten Sleman).
        // 3. A small typo in the whole name, as the rest of the bot allows (1 edit for 5–7 letters, 2 for longer).
        // 4. The choice sharing the most typed words, each word exact, a beginning of 4+ letters ("yogya") or with a
        //    small typo ("kesehtan", "saya di sleman", "dinas kesehatan" for "Dinas Kesehatan dan Puskesmas").
        // Each step decides when it finds exactly one best choice; when several are equally good, the typed prefix may
        // tell them apart (Kabupaten/Kota Bogor), else the answer is ambiguous and no looser step may pick one.
        var found = Decide(t, names, n => t.Full == n.Full ? 0 : null)
            ?? Decide(t, names, n => t.Core.Length > 0 && t.Core == n.Core ? 0 : null)
            ?? Decide(t, names, n => Typos(t, n))
            ?? Decide(t, names, n => WordScore(t, n));
        return found is >= 0 ? found : null;
    }

    // "Several fit equally well": not null, so it ends the chain of steps.
    private const int Ambiguous = -1;

    private static int? Decide(Name typed, List<Name> names, Func<Name, int?> cost)
    {
        var scored = names.Select((n, i) => (Index: i, Cost: cost(n))).Where(s => s.Cost is not null).ToList();
        if (scored.Count == 0)
        {
            return null;
        }
        var best = scored.Min(s => s.Cost);
        var tied = scored.Where(s => s.Cost == best).ToList();
        if (tied.Count > 1 && typed.Prefix is not null)
        {
            tied = tied.Where(s => names[s.Index].Prefix == typed.Prefix).ToList();
        }
        return tied.Count == 1 ? tied[0].Index : Ambiguous;
    }

    private static int? Typos(Name typed, Name choice)
    {
        var allowed = Allowed(typed.Core.Length);
        if (allowed == 0 || choice.Core.Length == 0)
        {
            return null;
        }
        var distance = Math.Min(
            Quickenshtein.Levenshtein.GetDistance(typed.Core, choice.Core),
            Quickenshtein.Levenshtein.GetDistance(typed.Full, choice.Full));
        return distance <= allowed ? distance : null;
    }

    /// <summary>Lower is better: the typed words not found among the choice's words; null when none is found.</summary>
    private static int? WordScore(Name typed, Name choice)
    {
        var found = typed.CoreWords.Count(w => choice.CoreWords.Any(c => SameWord(w, c)));
        return found == 0 ? null : typed.CoreWords.Length - found;
    }

    private static bool SameWord(string typed, string word) =>
        typed == word
        || (typed.Length >= 4 && word.StartsWith(typed, StringComparison.Ordinal))
        || (Allowed(typed.Length) is var allowed and > 0 && Quickenshtein.Levenshtein.GetDistance(typed, word) <= allowed);

    private static int Allowed(int length) => length < 5 ? 0 : length < 8 ? 1 : 2;

    /// <summary>A name as compared: its words, its prefix (kabupaten/kota) if any, and both squeezed without spaces.</summary>
    private sealed record Name(string[] Words, string? Prefix, string[] CoreWords, string Full, string Core)
    {
        public static Name Of(string text)
        {
            var words = Split(text);
            var prefix = words.Length > 1 && Prefixes.TryGetValue(words[0], out var p) ? p : null;
            if (prefix is not null)
            {
                words[0] = prefix;
            }
            var core = prefix is null ? words : words[1..];
            return new Name(words, prefix, core, string.Concat(words), string.Concat(core));
        }

        // Lower case without accents; anything but letters and digits separates words ("Kab.", "BKPSDM/BKPP").
        private static string[] Split(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (var c in text.Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                {
                    continue;
                }
                sb.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
            }
            return sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
