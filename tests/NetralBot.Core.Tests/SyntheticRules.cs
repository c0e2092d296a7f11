using NetralBot.Core.Knowledge;
using NetralBot.Core.Knowledge.Loading;

namespace NetralBot.Core.Tests;

/// <summary>
/// The repository's dialogs with the rules replaced by a few made-up ones, so that a test of the answer policy or
/// the knowledge check depends on the rules it writes, not on the wording of the real knowledge base.
/// </summary>
public static class SyntheticRules
{
    public sealed record Spec(string Id, string Verdict, string[] Keywords, string[] Examples, string Title);

    public static DialogContent Load(params Spec[] rules) => DialogLoader.Load(Files(rules));

    public static List<DialogFile> Files(params Spec[] rules)
    {
        var files = RepositoryDialogs.ReadFiles().Where(f => !f.Path.StartsWith("rules/", StringComparison.Ordinal))
            // The repository's act patterns name the repository's rules, which these made-up rules replace.
            .Select(f => f.Path == "intents.yaml" && f.Text.Contains("\nact_patterns:", StringComparison.Ordinal) ? f with { Text = f.Text[..f.Text.IndexOf("\nact_patterns:", StringComparison.Ordinal)] } : f)
            .ToList();
        files.Add(new DialogFile("rules/10-test.yaml", Yaml(rules)));
        return files;
    }

    private static string Yaml(Spec[] rules)
    {
        var sb = new System.Text.StringBuilder("category:\n  id: uji\n  title: Uji\n  title_en: Test\nrules:\n");
        foreach (var rule in rules)
        {
            var related = rules.First(r => r.Id != rule.Id).Id;
            sb.Append($"""
                  - id: {rule.Id}
                    title: {rule.Title}
                    verdict: {rule.Verdict}
                    certainty: tinggi
                    contested: false
                    short: Jawaban singkat {rule.Id}.
                    explanation: Penjelasan {rule.Id}.
                    conditions: [Syarat {rule.Id}.]
                    basis: [Dasar {rule.Id}]
                    sanction:
                      general: Sanksi {rule.Id}.
                    covers: [pns, pppk, ppnpn]
                    keywords: [{string.Join(", ", rule.Keywords)}]
                    examples:

                """);
            foreach (var example in rule.Examples)
            {
                sb.Append($"      - {example}\n");
            }
            sb.Append($"""
                    related: [{related}]
                    en:
                      title: {rule.Title} (en)
                      short: Short {rule.Id}.
                      explanation: Explanation {rule.Id}.
                      conditions: [Condition {rule.Id}.]
                      sanction:
                        general: Sanction {rule.Id}.

                """);
        }
        return sb.ToString();
    }
}
