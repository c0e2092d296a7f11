using System.Runtime.InteropServices;
using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Understanding;

/// <summary>
/// Ranks rules for a normalised question with TF-IDF cosine similarity over unigrams and bigrams, blending the
/// similarity to the rule as a whole (title, keywords, examples) with the similarity to its closest example.
/// Built once per dialogs set; read-only afterwards, so it is safe to share between threads.
/// </summary>
public sealed class RuleMatcher
{
    // Weights chosen on the dev set (top-1 82% → 85% against the first guess of 2/3/1, 0.55, 1).
    private const double TitleWeight = 2, KeywordWeight = 1, ExampleWeight = 1;
    private const double RuleShare = 0.7;
    private const double BigramWeight = 0.5;
    private const int MaxCandidates = 8;
    private const double StatusTermWeight = 0.5;
    private const double StrongScore = 0.5;

    private readonly Rule[] _rules;
    private readonly IReadOnlySet<string> _statusTerms;
    private readonly int[] _exampleRule;
    private readonly Dictionary<string, double> _idf;

    // The features the rules use, numbered: a question's words are looked up once, its word pairs by the numbers of
    // the two words (every word of a known pair is itself known), and everything else is indexed by number.
    private readonly Dictionary<string, int> _wordIds = new(StringComparer.Ordinal);
    private readonly Dictionary<(int First, int Second), int> _pairIds = [];
    private readonly double[] _queryWeight;
    private readonly (int Doc, double Weight)[][] _rulePostings;
    private readonly (int Doc, double Weight)[][] _examplePostings;

    public RuleMatcher(IReadOnlyList<Rule> rules, Normalizer normalizer)
    {
        _rules = [.. rules];
        _statusTerms = normalizer.StatusTerms;
        var ruleBags = new List<Dictionary<string, double>>();
        var exampleBags = new List<Dictionary<string, double>>();
        var exampleRule = new List<int>();
        for (var r = 0; r < _rules.Length; r++)
        {
            var rule = _rules[r];
            var bag = new Dictionary<string, double>(StringComparer.Ordinal);
            Add(bag, Features(normalizer, rule.Indonesian.Title), TitleWeight);
            Add(bag, Features(normalizer, rule.English.Title), TitleWeight / 2);
            foreach (var keyword in rule.Keywords)
            {
                Add(bag, Features(normalizer, keyword), KeywordWeight);
                AddExample(normalizer.Normalize(keyword), r);
            }
            foreach (var example in rule.Examples)
            {
                Add(bag, Features(normalizer, example), ExampleWeight);
                AddExample(normalizer.Normalize(example), r);
            }
            AddExample(normalizer.Normalize(rule.Indonesian.Title), r);
            ruleBags.Add(bag);
        }
        _exampleRule = [.. exampleRule];

        // IDF over rules: a term in every rule says nothing about which rule is meant.
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in ruleBags.SelectMany(b => b.Keys))
        {
            documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }
        _idf = documentFrequency.ToDictionary(kv => kv.Key, kv => Math.Log(1 + (double)_rules.Length / kv.Value), StringComparer.Ordinal);
        var features = _idf.Keys.ToList();
        foreach (var word in features.Where(f => !f.Contains(' ', StringComparison.Ordinal)))
        {
            _wordIds[word] = _wordIds.Count;
        }
        var ids = new Dictionary<string, int>(_wordIds, StringComparer.Ordinal);
        foreach (var pair in features.Where(f => f.Contains(' ', StringComparison.Ordinal)))
        {
            var words = pair.Split(' ');
            ids[pair] = _pairIds[(_wordIds[words[0]], _wordIds[words[1]])] = ids.Count;
        }
        _queryWeight = new double[ids.Count];
        foreach (var (feature, id) in ids)
        {
            _queryWeight[id] = _idf[feature] * (_statusTerms.Contains(feature) ? StatusTermWeight : 1) * (feature.Contains(' ', StringComparison.Ordinal) ? BigramWeight : 1);
        }
        _rulePostings = BuildPostings(ruleBags, tf => 1 + Math.Log(tf), ids);
        _examplePostings = BuildPostings(exampleBags, _ => 1, ids);
        Vocabulary = _wordIds.Keys.ToHashSet(StringComparer.Ordinal);

        void AddExample(NormalizedText text, int rule)
        {
            var bag = new Dictionary<string, double>(StringComparer.Ordinal);
            Add(bag, FeaturesOf(text.Terms), 1);
            if (bag.Count > 0)
            {
                exampleBags.Add(bag);
                exampleRule.Add(rule);
            }
        }
    }

    /// <summary>The single-word terms the rules use, for typo correction.</summary>
    public IReadOnlySet<string> Vocabulary { get; }

    public MatchResult Match(NormalizedText question)
    {
        var work = t_work is { } kept && kept.Owner == this ? kept : t_work = new Workspace(this);
        var features = KnownFeatures(question.Terms, work);
        if (features.Count == 0)
        {
            return MatchResult.None;
        }
        // Only the rules and examples that share a term with the question get a score: the cost follows the
        // question's terms, not the size of the knowledge base.
        Score(features, _rulePostings, work.RuleScores);
        Score(features, _examplePostings, work.ExampleScores);
        work.BestExample.Clear();
        foreach (var e in work.ExampleScores.Touched)
        {
            var r = _exampleRule[e];
            work.BestExample.Set(r, Math.Max(work.BestExample.Values[r], work.ExampleScores.Values[e]));
        }
        var scored = work.ScoredRules;
        scored.Clear();
        scored.AddRange(work.RuleScores.Touched);
        foreach (var r in work.BestExample.Touched)
        {
            if (!work.RuleScores.Has(r))
            {
                scored.Add(r);
            }
        }
        scored.Sort(); // in rule order, as ties keep the earlier rule first

        var ranked = new List<RuleMatch>(MaxCandidates + 1);
        foreach (var r in scored)
        {
            var score = RuleShare * work.RuleScores.Values[r] + (1 - RuleShare) * work.BestExample.Values[r];
            if (score > 0)
            {
                Insert(ranked, _rules[r], score);
            }
        }
        if (ranked.Count == 0)
        {
            return MatchResult.None;
        }

        // Confidence: half how clearly the best rule is ahead of the next, half how strongly it matches at all.
        var top = ranked[0].Score;
        var second = ranked.Count > 1 ? ranked[1].Score : 0;
        var confidence = 0.5 * ((top - second) / top) + 0.5 * Math.Min(1, top / StrongScore);
        return new MatchResult(ranked, confidence);
    }

    /// <summary>
    /// The numbers of the question's known features, each once, in the order <see cref="FeaturesOf"/> gives them (a
    /// word, then the pair it starts): the order the scores are summed in.
    /// </summary>
    private List<int> KnownFeatures(IReadOnlyList<string> terms, Workspace work)
    {
        var features = work.Features;
        features.Clear();
        work.Question++;
        var next = terms.Count > 0 && _wordIds.TryGetValue(terms[0], out var id) ? id : -1;
        for (var i = 0; i < terms.Count; i++)
        {
            var word = next;
            next = i + 1 < terms.Count && _wordIds.TryGetValue(terms[i + 1], out id) ? id : -1;
            if (word < 0)
            {
                continue;
            }
            work.AddOnce(word);
            if (next >= 0 && _pairIds.TryGetValue((word, next), out var pair))
            {
                work.AddOnce(pair);
            }
        }
        return features;
    }

    /// <summary>Cosine similarity of the question to every document on the posting lists of its features (no other).</summary>
    private void Score(List<int> features, (int Doc, double Weight)[][] postings, SparseScores scores)
    {
        scores.Clear();
        double queryNorm = 0;
        foreach (var feature in features)
        {
            var weight = _queryWeight[feature];
            queryNorm += weight * weight;
            scores.AddAll(postings[feature], weight);
        }
        queryNorm = Math.Sqrt(queryNorm);
        foreach (var doc in scores.Touched)
        {
            scores.Values[doc] /= queryNorm;
        }
    }

    /// <summary>
    /// Scores by document number with the list of numbers touched: adding and reading cost an array access, and
    /// emptying costs what the question touched, not the size of the knowledge base.
    /// </summary>
    private sealed class SparseScores(int size)
    {
        public double[] Values { get; } = new double[size];

        public List<int> Touched { get; } = [];

        private readonly bool[] _has = new bool[size];

        public bool Has(int doc) => _has[doc];

        /// <summary>Adds <paramref name="factor"/> × weight to each document on the list (the inner loop of matching).</summary>
        public void AddAll((int Doc, double Weight)[] postings, double factor)
        {
            var values = Values;
            var has = _has;
            foreach (var (doc, weight) in postings)
            {
                if (!has[doc])
                {
                    has[doc] = true;
                    Touched.Add(doc);
                }
                values[doc] += factor * weight;
            }
        }

        public void Set(int doc, double value)
        {
            Mark(doc);
            Values[doc] = value;
        }

        public void Clear()
        {
            foreach (var doc in Touched)
            {
                Values[doc] = 0;
                _has[doc] = false;
            }
            Touched.Clear();
        }

        private void Mark(int doc)
        {
            if (!_has[doc])
            {
                _has[doc] = true;
                Touched.Add(doc);
            }
        }
    }

    /// <summary>
    /// The sums of one question, kept per thread (for one matcher) and emptied for the next: no allocation per
    /// question. Nothing in them outlives <see cref="Match"/>.
    /// </summary>
    private sealed class Workspace(RuleMatcher owner)
    {
        public RuleMatcher Owner { get; } = owner;

        public SparseScores RuleScores { get; } = new(owner._rules.Length);

        public SparseScores ExampleScores { get; } = new(owner._exampleRule.Length);

        public SparseScores BestExample { get; } = new(owner._rules.Length);

        public List<int> ScoredRules { get; } = [];

        public List<int> Features { get; } = [];

        /// <summary>Numbers the current question, so <see cref="_seenIn"/> needs no emptying.</summary>
        public int Question { get; set; }

        private readonly int[] _seenIn = new int[owner._queryWeight.Length];

        public void AddOnce(int feature)
        {
            if (_seenIn[feature] != Question)
            {
                _seenIn[feature] = Question;
                Features.Add(feature);
            }
        }
    }

    [ThreadStatic]
    private static Workspace? t_work;

    private (int Doc, double Weight)[][] BuildPostings(List<Dictionary<string, double>> bags, Func<double, double> tfWeight, Dictionary<string, int> ids)
    {
        var postings = new Dictionary<string, List<(int, double)>>(StringComparer.Ordinal);
        for (var d = 0; d < bags.Count; d++)
        {
            var weights = bags[d].ToDictionary(kv => kv.Key, kv => tfWeight(kv.Value) * _idf.GetValueOrDefault(kv.Key), StringComparer.Ordinal);
            var norm = Math.Sqrt(weights.Values.Sum(w => w * w));
            if (norm == 0)
            {
                continue;
            }
            foreach (var (term, weight) in weights)
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }
                list.Add((d, weight / norm));
            }
        }
        var byId = new (int Doc, double Weight)[ids.Count][];
        foreach (var (feature, id) in ids)
        {
            byId[id] = postings.TryGetValue(feature, out var list) ? [.. list] : [];
        }
        return byId;
    }

    private static void Insert(List<RuleMatch> ranked, Rule rule, double score)
    {
        var index = 0;
        while (index < ranked.Count && ranked[index].Score >= score)
        {
            index++;
        }
        if (index == ranked.Count)
        {
            if (ranked.Count < MaxCandidates)
            {
                ranked.Add(new RuleMatch(rule, score));
            }
            return;
        }
        ranked.Insert(index, new RuleMatch(rule, score));
        if (ranked.Count > MaxCandidates)
        {
            ranked.RemoveAt(ranked.Count - 1);
        }
    }

    private static IEnumerable<string> Features(Normalizer normalizer, string text) => FeaturesOf(normalizer.Normalize(text).Terms);

    /// <summary>Unigrams plus adjacent bigrams ("jari 2", "mobil dinas"): word pairs separate rules that share words.</summary>
    internal static IEnumerable<string> FeaturesOf(IReadOnlyList<string> terms)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            yield return terms[i];
            if (i + 1 < terms.Count)
            {
                yield return terms[i] + " " + terms[i + 1];
            }
        }
    }

    private static void Add(Dictionary<string, double> bag, IEnumerable<string> features, double weight)
    {
        foreach (var feature in features)
        {
            bag[feature] = bag.GetValueOrDefault(feature) + weight;
        }
    }
}
