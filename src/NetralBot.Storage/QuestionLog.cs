using Dapper;

namespace NetralBot.Storage;

/// <summary>Reads the anonymous question log: what people ask and what went unanswered.</summary>
public sealed class QuestionLog(Database database)
{
    /// <summary>One logged question.</summary>
    public sealed record Entry(DateTimeOffset AskedAt, string? Question, string Intent, string? RuleId, double Confidence);

    private const string SelectRecent = """
        SELECT asked_at AS AskedAtMs, question AS Question, intent AS Intent, rule_id AS RuleId, confidence AS Confidence
        FROM question_log
        WHERE (@OnlyUnanswered = 0 OR intent IN ('clarify', 'unknown'))
        ORDER BY asked_at DESC, id DESC
        LIMIT @Limit
        """;

    public IReadOnlyList<Entry> Recent(int limit, bool onlyUnanswered = false)
    {
        using var connection = database.Open();
        return connection.Query<Row>(SelectRecent, new { Limit = limit, OnlyUnanswered = onlyUnanswered ? 1 : 0 })
            .Select(r => new Entry(UnixTime.FromMs(r.AskedAtMs), r.Question, r.Intent, r.RuleId, r.Confidence))
            .ToList();
    }

    private sealed record Row(long AskedAtMs, string? Question, string Intent, string? RuleId, double Confidence);
}
