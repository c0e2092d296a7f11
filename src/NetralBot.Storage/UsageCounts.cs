using Dapper;
using NetralBot.Core.Tips;

namespace NetralBot.Storage;

/// <summary>
/// Counts for the statistics picture and its CSV files: questions per local day, rules asked about, what went
/// unanswered (grouped by the question as typed, ranked), tips per category, status and kabupaten/kota, subscribers
/// and broadcast delivery. Counts only: no tip content leaves here, and a kabupaten/kota with fewer than
/// <see cref="SmallestRegencyCell"/> tips is never named (its tips are added to <see cref="Counts.OtherRegencies"/>).
/// </summary>
public sealed class UsageCounts(Database database, TipCipher cipher, QuestionLog log)
{
    /// <summary>The smallest number of tips a named kabupaten/kota cell may hold.</summary>
    public const int SmallestRegencyCell = 3;

    /// <summary>A label with its count.</summary>
    public sealed record Count(string Label, int Value);

    /// <summary>A local day's questions and how many of them went unanswered (clarify or unknown).</summary>
    public sealed record Day(DateOnly Date, int Questions, int Unanswered);

    /// <summary>Everything counted for one period.</summary>
    public sealed record Counts(
        IReadOnlyList<Day> Days,
        IReadOnlyList<Count> Rules,
        IReadOnlyList<Count> Unanswered,
        IReadOnlyList<Count> TipCategories,
        IReadOnlyList<Count> TipStatuses,
        IReadOnlyList<Count> Regencies,
        int OtherRegencies,
        int ActiveSubscribers,
        int NewSubscribers,
        int Broadcasts,
        IReadOnlyList<Count> Delivery)
    {
        public int Questions => Days.Sum(d => d.Questions);

        public int UnansweredQuestions => Days.Sum(d => d.Unanswered);

        public int Tips => TipCategories.Sum(c => c.Value);
    }

    private const long DayMs = 86_400_000;

    // Reports and greetings/menu/help are logged too but are not questions.
    private const string SelectDays = """
        SELECT (asked_at + @OffsetMs) / 86400000 AS Day, COUNT(*) AS Questions,
               SUM(CASE WHEN intent IN ('clarify', 'unknown') THEN 1 ELSE 0 END) AS Unanswered
        FROM question_log
        WHERE asked_at >= @From AND asked_at < @To AND intent NOT IN ('report', 'greeting')
        GROUP BY Day
        """;

    private const string SelectRules = """
        SELECT rule_id AS Label, COUNT(*) AS Value
        FROM question_log
        WHERE asked_at >= @From AND asked_at < @To AND intent = 'guidance' AND rule_id IS NOT NULL
        GROUP BY rule_id ORDER BY Value DESC, rule_id
        """;

    private const string SelectUnanswered = """
        SELECT MIN(TRIM(question)) AS Label, COUNT(*) AS Value
        FROM question_log
        WHERE asked_at >= @From AND asked_at < @To AND intent IN ('clarify', 'unknown') AND question IS NOT NULL
        GROUP BY LOWER(TRIM(question)) ORDER BY Value DESC, MAX(asked_at) DESC LIMIT @Limit
        """;

    private const string SelectTipCategories = """
        SELECT category AS Label, COUNT(*) AS Value FROM tips
        WHERE created_at >= @From AND created_at < @To GROUP BY category ORDER BY Value DESC, category
        """;

    private const string SelectTipStatuses = """
        SELECT status AS Label, COUNT(*) AS Value FROM tips
        WHERE created_at >= @From AND created_at < @To GROUP BY status ORDER BY Value DESC, status
        """;

    private const string SelectTipContents = "SELECT content FROM tips WHERE created_at >= @From AND created_at < @To";

    private const string SelectSubscribers = """
        SELECT SUM(CASE WHEN active = TRUE THEN 1 ELSE 0 END) AS Active,
               SUM(CASE WHEN subscribed_at >= @From AND subscribed_at < @To THEN 1 ELSE 0 END) AS New
        FROM subscribers
        """;

    private const string SelectBroadcasts = """
        SELECT COUNT(*) FROM broadcasts
        WHERE state NOT IN ('draft', 'scheduled') AND COALESCE(send_at, created_at) >= @From AND COALESCE(send_at, created_at) < @To
        """;

    private const string SelectDelivery = """
        SELECT o.state AS Label, COUNT(*) AS Value
        FROM outbox o JOIN broadcasts b ON b.id = o.broadcast_id
        WHERE COALESCE(b.send_at, b.created_at) >= @From AND COALESCE(b.send_at, b.created_at) < @To
        GROUP BY o.state ORDER BY o.state
        """;

    /// <summary>
    /// Counts from <paramref name="from"/> to <paramref name="to"/> (local dates, both included) in a zone that is
    /// <paramref name="offset"/> from UTC (Indonesia's zones have no daylight saving time).
    /// </summary>
    public Counts Read(DateOnly from, DateOnly to, TimeSpan offset, int top = 10)
    {
        var epoch = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        var offsetMs = (long)offset.TotalMilliseconds;
        var range = new
        {
            From = ((from.DayNumber - epoch) * DayMs) - offsetMs,
            To = ((to.DayNumber + 1 - epoch) * DayMs) - offsetMs,
            OffsetMs = offsetMs,
            Limit = top,
        };
        log.Flush(); // the questions of the last second too
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(); // one consistent snapshot
        var perDay = connection.Query<(long Day, long Questions, long Unanswered)>(SelectDays, range, transaction)
            .ToDictionary(d => (int)d.Day + epoch);
        var days = Enumerable.Range(from.DayNumber, to.DayNumber - from.DayNumber + 1)
            .Select(n => perDay.TryGetValue(n, out var d) ? new Day(DateOnly.FromDayNumber(n), (int)d.Questions, (int)d.Unanswered) : new Day(DateOnly.FromDayNumber(n), 0, 0))
            .ToList();
        var regencies = CountRegencies(connection.Query<byte[]>(SelectTipContents, range, transaction));
        var subscribers = connection.QuerySingle<(long? Active, long? New)>(SelectSubscribers, range, transaction);
        return new Counts(
            days,
            [.. Query(connection, SelectRules, range, transaction)],
            [.. Query(connection, SelectUnanswered, range, transaction)],
            [.. Query(connection, SelectTipCategories, range, transaction)],
            [.. Query(connection, SelectTipStatuses, range, transaction)],
            [.. regencies.Where(r => r.Value >= SmallestRegencyCell)],
            regencies.Where(r => r.Value < SmallestRegencyCell).Sum(r => r.Value),
            (int)(subscribers.Active ?? 0),
            (int)(subscribers.New ?? 0),
            connection.ExecuteScalar<int>(SelectBroadcasts, range, transaction),
            [.. Query(connection, SelectDelivery, range, transaction)]);
    }

    private static IEnumerable<Count> Query(System.Data.Common.DbConnection connection, string sql, object range, System.Data.Common.DbTransaction transaction) =>
        connection.Query<(string Label, long Value)>(sql, range, transaction).Select(r => new Count(r.Label, (int)r.Value));

    /// <summary>The kabupaten/kota is inside the encrypted content: decrypted here, counted, and only the counts kept.</summary>
    private List<Count> CountRegencies(IEnumerable<byte[]> contents)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var content in contents)
        {
            var regency = TipJson.Deserialize(cipher.DecryptText(content, TipStore.ContentPurpose)).Regency?.Trim();
            var label = string.IsNullOrEmpty(regency) ? "-" : regency;
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }
        return [.. counts.Select(c => new Count(c.Key, c.Value)).OrderByDescending(c => c.Value).ThenBy(c => c.Label, StringComparer.Ordinal)];
    }
}
