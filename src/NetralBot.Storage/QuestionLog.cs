using Dapper;
using NetralBot.Core.Conversations;

namespace NetralBot.Storage;

/// <summary>
/// The anonymous question log: what people ask and what went unanswered.
/// </summary>
/// <remarks>
/// Rows are written beside the conversation steps, not inside their transactions: a question-log row in a step's
/// commit cost two more pages (the table's and its index's) on top of the conversation row's one, and a step's commit
/// is mostly writing pages. A committed step hands its rows to <see cref="Add"/>; they are written together, 64 at a
/// time by the step that fills a batch, and each second by a timer. What a crash can take is the last second's rows
/// (never a conversation's state or a tip); an orderly stop writes them (<see cref="Dispose"/>), and this process's
/// readers (<see cref="Recent"/>, <see cref="UsageCounts"/>) write them first, so they always see their own.
/// </remarks>
public sealed class QuestionLog(Database database) : IDisposable
{
    /// <summary>One logged question.</summary>
    public sealed record Entry(DateTimeOffset AskedAt, string? Question, string Intent, string? RuleId, double Confidence);

    private const int Batch = 64;

    // Rows waiting while the database cannot be written are kept up to this many; newer ones are dropped beyond it
    // (the log serves the rules' authors: losing some of it must not take the process's memory).
    private const int MostWaiting = 50_000;

    private static readonly TimeSpan WriteEvery = TimeSpan.FromSeconds(1);

    private readonly Lock _waitingLock = new();
    private List<Row> _waiting = [];
    private readonly Lock _writeLock = new();
    private Timer? _timer;
    private bool _disposed;

    private const string InsertQuestion = """
        INSERT INTO question_log (asked_at, question, intent, rule_id, confidence)
        VALUES (@AskedAt, @Question, @Intent, @RuleId, @Confidence)
        """;

    /// <summary>Logs a committed step's questions, asked at <paramref name="askedAt"/>: written within a second.</summary>
    public void Add(DateTimeOffset askedAt, IReadOnlyList<LogQuestion> questions)
    {
        if (questions.Count == 0)
        {
            return;
        }
        var askedAtMs = UnixTime.ToMs(askedAt);
        bool full, stopped;
        lock (_waitingLock)
        {
            foreach (var question in questions)
            {
                if (_waiting.Count < MostWaiting)
                {
                    _waiting.Add(new Row(askedAtMs, question.Text, IntentNames.Of(question.Intent), question.RuleId, Math.Round(question.Confidence, 4)));
                }
            }
            full = _waiting.Count >= Batch;
            stopped = _disposed;
            if (!_disposed)
            {
                _timer ??= new Timer(_ => WriteQuietly(wait: false), null, WriteEvery, WriteEvery);
            }
        }
        if (stopped)
        {
            WriteQuietly(wait: true); // a step finishing after the stop: its rows are written before it answers
        }
        else if (full)
        {
            // The step that fills a batch writes it, after its own commit (handing it to another thread was measured:
            // the write then contends with the next steps for the writer, p99 0.68–0.75 → 0.91 ms). A failing write
            // leaves the rows waiting for the timer and never fails a step that has committed; if another thread is
            // writing, it takes these too.
            WriteQuietly(wait: false);
        }
    }

    /// <summary>Writes the rows still waiting (for readers in this process, and at a stop).</summary>
    public void Flush()
    {
        lock (_writeLock)
        {
            WriteWaiting();
        }
    }

    /// <summary>
    /// Writes what waits, unless another thread is writing (<paramref name="wait"/> false: it takes these rows too). A
    /// failure leaves the rows waiting: neither a timer thread nor a step that has committed may fail for the log.
    /// </summary>
    private void WriteQuietly(bool wait)
    {
        if (wait)
        {
            _writeLock.Enter();
        }
        else if (!_writeLock.TryEnter())
        {
            return;
        }
        try
        {
            WriteWaiting();
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or ObjectDisposedException or IOException or TimeoutException)
        {
            // The database busy or away: the rows stay waiting for the next write.
        }
        finally
        {
            _writeLock.Exit();
        }
    }

    // Under _writeLock: one transaction for every row waiting; on failure they wait again, before any added meanwhile.
    private void WriteWaiting()
    {
        List<Row> rows;
        lock (_waitingLock)
        {
            if (_waiting.Count == 0)
            {
                return;
            }
            rows = _waiting;
            _waiting = new List<Row>(Batch);
        }
        try
        {
            using var writer = database.TakeWriter();
            writer.Begin(durable: false);
            foreach (var row in rows)
            {
                writer.Statements.For(InsertQuestion, writer.Transaction,
                    ("@AskedAt", row.AskedAtMs), ("@Question", row.Question), ("@Intent", row.Intent), ("@RuleId", row.RuleId), ("@Confidence", row.Confidence))
                    .ExecuteNonQuery();
            }
            writer.Transaction.Commit();
        }
        catch
        {
            lock (_waitingLock)
            {
                rows.AddRange(_waiting);
                if (rows.Count > MostWaiting)
                {
                    rows.RemoveRange(MostWaiting, rows.Count - MostWaiting);
                }
                _waiting = rows;
            }
            throw;
        }
    }

    /// <summary>Writes what is waiting and stops the timer.</summary>
    public void Dispose()
    {
        lock (_waitingLock)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
        WriteQuietly(wait: true);
    }

    private sealed record Row(long AskedAtMs, string? Question, string Intent, string? RuleId, double Confidence);

    private const string SelectRecent = """
        SELECT asked_at AS AskedAtMs, question AS Question, intent AS Intent, rule_id AS RuleId, confidence AS Confidence
        FROM question_log
        WHERE (@OnlyUnanswered = 0 OR intent IN ('clarify', 'unknown'))
        ORDER BY asked_at DESC, id DESC
        LIMIT @Limit
        """;

    public IReadOnlyList<Entry> Recent(int limit, bool onlyUnanswered = false)
    {
        Flush();
        using var connection = database.Open();
        return connection.Query<Row>(SelectRecent, new { Limit = limit, OnlyUnanswered = onlyUnanswered ? 1 : 0 })
            .Select(r => new Entry(UnixTime.FromMs(r.AskedAtMs), r.Question, r.Intent, r.RuleId, r.Confidence))
            .ToList();
    }
}
