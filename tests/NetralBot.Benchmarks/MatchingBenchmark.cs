using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Knowledge.Loading;
using NetralBot.Dialogs;
using YamlDotNet.RepresentationModel;

/// <summary>
/// Understanding alone: the first pass over words the bot has not seen yet (cold typo cache), and warm throughput
/// with the repository's rules, then with them multiplied ×10 and ×100 by copies whose words are all made up (so a
/// question shares terms only with the real rules, as a larger knowledge base on other topics would).
/// </summary>
public static partial class MatchingBenchmark
{
    public static void Run(string dialogsFolder, IReadOnlyList<string> questions, double seconds)
    {
        var files = DialogFolder.Read(dialogsFolder);

        // Cold: JIT is warmed on one load, then a fresh load (empty typo cache) answers every question once.
        var jit = DialogLoader.Load(files);
        WarmUp(jit, questions);
        var cold = DialogLoader.Load(files);
        GC.Collect(); // the loads' garbage is not the first pass's cost
        var coldLatencies = new List<double>(questions.Count);
        var coldCpu = new List<double>(questions.Count);
        foreach (var q in questions)
        {
            var t0 = Stopwatch.GetTimestamp();
            var cpu0 = ThreadCpu.Microseconds();
            cold.Understander.Understand(q);
            coldCpu.Add(ThreadCpu.Microseconds() - cpu0);
            coldLatencies.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        }
        coldLatencies.Sort();
        coldCpu.Sort();
        Console.WriteLine($"matching cold (fresh typo cache, first pass over {questions.Count} questions): wall p50 {Percentile(coldLatencies, 0.5):F1} µs, p99 {Percentile(coldLatencies, 0.99):F1} µs, max {coldLatencies[^1]:F0} µs; " +
            $"thread CPU p50 {Percentile(coldCpu, 0.5):F1} µs, p99 {Percentile(coldCpu, 0.99):F1} µs, max {coldCpu[^1]:F0} µs");

        // Where a question's allocations go: normalising, ranking the rules, and the rest of understanding.
        var normalizeBytes = AllocatedPerQuestion(questions, q => cold.Understander.Normalizer.Normalize(q));
        var matchBytes = AllocatedPerQuestion(questions.Select(cold.Understander.Normalizer.Normalize).ToList(), t => cold.Understander.Matcher.Match(t));
        var understandBytes = AllocatedPerQuestion(questions, q => cold.Understander.Understand(q));
        Console.WriteLine($"allocated per question: {understandBytes / 1024:F1} KiB to understand it, of which {normalizeBytes / 1024:F1} KiB normalising and {matchBytes / 1024:F1} KiB ranking the rules");

        double? baseRate = null, cpuBaseRate = null;
        foreach (var factor in new[] { 1, 10, 100 })
        {
            var content = DialogLoader.Load(factor == 1 ? files : Multiplied(files, factor));
            WarmUp(content, questions); // and the typo cache as in production
            GC.Collect();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = ThreadCpu.Microseconds();
            var (latencies, elapsed) = TimeUnderstanding(content, questions, seconds, capacity: 500_000);
            var rate = latencies.Count / elapsed.TotalSeconds;
            var cpuRate = latencies.Count / ((ThreadCpu.Microseconds() - cpuBefore) / 1e6);
            cpuBaseRate ??= cpuRate;
            var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)latencies.Count;
            baseRate ??= rate;
            latencies.Sort();
            Console.WriteLine($"matching warm, rules ×{factor} ({content.RuleList.Count} rules): {rate:N0} questions/s ({rate / baseRate.Value:F2}× of ×1); " +
                $"p50 {Percentile(latencies, 0.5):F1} µs, p99 {Percentile(latencies, 0.99):F1} µs; {allocated / 1024:F1} KiB allocated per question; " +
                $"per CPU second of the thread {cpuRate:N0} questions/s ({cpuRate / cpuBaseRate.Value:F2}× of ×1)");
        }
    }

    /// <summary>
    /// Understands the questions over and over on this thread for <paramref name="seconds"/>: each call's wall time in µs
    /// (unsorted) and the time the loop took.
    /// </summary>
    public static (List<double> Latencies, TimeSpan Elapsed) TimeUnderstanding(DialogContent content, IReadOnlyList<string> questions, double seconds, int capacity)
    {
        var latencies = new List<double>(capacity);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var q in questions)
            {
                var t0 = Stopwatch.GetTimestamp();
                content.Understander.Understand(q);
                latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
            }
        }
        return (latencies, clock.Elapsed);
    }

    /// <summary>The dialogs with every rule file copied <paramref name="factor"/> − 1 more times, ids and words made up per copy.</summary>
    public static List<DialogFile> Multiplied(IReadOnlyList<DialogFile> files, int factor)
    {
        var result = files.ToList();
        foreach (var file in files.Where(f => f.Path.StartsWith("rules/", StringComparison.Ordinal)))
        {
            for (var copy = 1; copy < factor; copy++)
            {
                var suffix = "q" + copy.ToString(CultureInfo.InvariantCulture);
                result.Add(new DialogFile(file.Path.Replace(".yaml", "-" + suffix + ".yaml", StringComparison.Ordinal), Renamed(file.Text, suffix)));
            }
        }
        return result;
    }

    /// <summary>
    /// A rule file with every id, title, keyword and example word given <paramref name="suffix"/>: a word with a digit
    /// passes the normaliser as it is, so the copies share no term with the real rules or with each other.
    /// </summary>
    private static string Renamed(string yaml, string suffix)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var category = (YamlMappingNode)root["category"];
        Rename(category, "id", suffix);
        Rename(category, "title", suffix);
        foreach (var rule in ((YamlSequenceNode)root["rules"]).Cast<YamlMappingNode>())
        {
            foreach (var key in new[] { "id", "title", "keywords", "examples", "related" })
            {
                Rename(rule, key, suffix);
            }
            if (rule.Children.TryGetValue(new YamlScalarNode("en"), out var english))
            {
                Rename((YamlMappingNode)english, "title", suffix);
            }
        }
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static void Rename(YamlMappingNode node, string key, string suffix)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            return;
        }
        var scalars = value is YamlSequenceNode list ? list.Cast<YamlScalarNode>() : [(YamlScalarNode)value];
        foreach (var scalar in scalars)
        {
            var renamed = key is "id" or "related" ? scalar.Value + "_" + suffix : Word().Replace(scalar.Value!, m => m.Value + suffix);
            scalar.Value = key == "title" && renamed.Length > 80 ? renamed[..80] : renamed; // titles are button labels
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    /// <summary>Every question at least once and for at least 2 s, so the measured code is the JIT's final tier.</summary>
    private static void WarmUp(DialogContent content, IReadOnlyList<string> questions)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            foreach (var q in questions)
            {
                content.Understander.Understand(q);
            }
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(2));
    }

    private static double AllocatedPerQuestion<T>(IReadOnlyList<T> inputs, Action<T> work)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var input in inputs)
        {
            work(input);
        }
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)inputs.Count;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)(p * sorted.Count), 0, sorted.Count - 1)];
}
