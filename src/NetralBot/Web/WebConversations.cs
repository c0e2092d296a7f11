using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Storage;

namespace NetralBot.Web;

/// <summary>
/// The web chat's conversations: their recent activities live in the database (<see cref="WebActivities"/>, encrypted),
/// so a poll or a stream may reach any worker and a conversation survives a restart. This worker's open streams are
/// fed by one loop that every <see cref="PollInterval"/> asks the database, in one query, which of their conversations
/// got something new (from any worker); what this worker appends goes to its streams at once. Once a minute it forgets conversations
/// idle for WebChat:ConversationIdleMinutes (every worker may; the deletes are plain DELETE … WHERE).
/// <para>
/// A report's activities are private: deleted when a poll acknowledges them, or WebChat:PrivateActivitySeconds after
/// they were first sent (to a poll or a stream); this worker deletes the ones it sent when that time comes, and every
/// worker's minute sweep deletes any left behind.
/// </para>
/// </summary>
public sealed partial class WebConversations(WebActivities store, TimeProvider time, IOptions<WebChatOptions> options, ILogger<WebConversations> logger)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<OpenStream>> _streams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Answer> _answering = new(StringComparer.Ordinal);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;
    private DateTimeOffset _lastTouch = DateTimeOffset.MinValue;
    private readonly ConcurrentQueue<DateTimeOffset> _forgetDue = new(); // when what this worker sent privately is due, in order

    /// <summary>Starts a conversation, or marks an existing one as used.</summary>
    public void Open(string conversationId) => store.Open(conversationId);

    /// <summary>
    /// Adds an activity (its id, timestamp and conversation filled in). With <paramref name="create"/> false the
    /// conversation must still exist: null when it was forgotten as idle. A <paramref name="isPrivate"/> one (part of a
    /// report) is deleted once delivered.
    /// </summary>
    public Activity? Append(string conversationId, Activity activity, bool create = true, bool isPrivate = false)
    {
        Activity? stored = null;
        var watermark = store.Append(conversationId, w =>
        {
            stored = activity with
            {
                Id = conversationId + "|" + w.ToString("D19", CultureInfo.InvariantCulture),
                Timestamp = time.GetUtcNow(),
                Conversation = new ConversationAccount(conversationId),
            };
            return JsonSerializer.Serialize(stored, DirectLineJson.Options);
        }, create, isPrivate);
        if (watermark is null)
        {
            return null;
        }
        PushAppended(conversationId, stored!, watermark.Value, isPrivate);
        return stored;
    }

    /// <summary>
    /// What a poll asked with <paramref name="watermark"/> gets: the kept activities after it and the watermark to ask
    /// with next. The client has seen everything up to <paramref name="watermark"/>, so the private activities among those
    /// are deleted; private ones sent now are forgotten after the grace unless acknowledged before.
    /// </summary>
    public ActivitySet After(string conversationId, long watermark)
    {
        var rows = store.Poll(conversationId, watermark);
        if (rows.LastOrDefault(r => r.Private) is { } lastPrivate)
        {
            Sent(conversationId, lastPrivate.Watermark);
        }
        return ToSet(rows, Math.Max(watermark, 0));
    }

    /// <summary>The user's activity this worker is answering now in a conversation (its replies carry its id), or null.</summary>
    public Answer? Answering(string conversationId) => _answering.GetValueOrDefault(conversationId);

    /// <summary>Marks the user's activity being answered until the returned handle is disposed.</summary>
    public IDisposable BeginAnswering(string conversationId, string activityId)
    {
        var answer = new Answer(activityId);
        _answering[conversationId] = answer;
        return new EndAnswering(() => _answering.TryRemove(new KeyValuePair<string, Answer>(conversationId, answer)));
    }

    /// <summary>
    /// The step answering the user's activity is part of a report: the activity becomes private, and so do the replies
    /// this worker appends for it from now on.
    /// </summary>
    public void AnswerPrivately(string conversationId)
    {
        if (Answering(conversationId) is not { } answer || answer.Private)
        {
            return;
        }
        answer.Private = true;
        var watermark = WatermarkOf(answer.ActivityId);
        store.MakePrivate(conversationId, watermark, time.GetUtcNow() + Grace);
        ForgetLater();
    }

    /// <summary>How long a private activity stays after it was sent, for a client that lost it and asks again.</summary>
    private TimeSpan Grace => TimeSpan.FromSeconds(options.Value.PrivateActivitySeconds);

    private void Sent(string conversationId, long upTo)
    {
        store.Sent(conversationId, upTo, time.GetUtcNow() + Grace);
        ForgetLater();
    }

    /// <summary>This worker deletes what it sent privately once the grace has passed (the minute sweep is the backstop).</summary>
    private void ForgetLater() => _forgetDue.Enqueue(time.GetUtcNow() + Grace);

    /// <summary>The watermark in an activity id (conversation id, "|", the watermark in 19 digits).</summary>
    private static long WatermarkOf(string activityId) =>
        long.Parse(activityId.AsSpan(activityId.LastIndexOf('|') + 1), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Opens a stream: a frame with every kept activity after <paramref name="watermark"/>, then each new one.</summary>
    public ChannelReader<string> Subscribe(string conversationId, long watermark)
    {
        var stream = new OpenStream(Channel.CreateBounded<string>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest }), watermark);
        lock (_gate)
        {
            if (!_streams.TryGetValue(conversationId, out var list))
            {
                _streams[conversationId] = list = [];
            }
            list.Add(stream);
        }
        _wake.Writer.TryWrite(true); // the backlog goes out at once
        return stream.Frames.Reader;
    }

    public void Unsubscribe(string conversationId, ChannelReader<string> reader)
    {
        lock (_gate)
        {
            if (_streams.TryGetValue(conversationId, out var list))
            {
                list.RemoveAll(s => s.Frames.Reader == reader);
                if (list.Count == 0)
                {
                    _streams.Remove(conversationId);
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                PushNew();
                ForgetWhenDue();
                SweepWhenDue();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLoopFailed(logger, ex); // the database may be away for a moment: try again next round
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(PollInterval);
            try
            {
                await _wake.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                _wake.Reader.TryRead(out _);
            }
            catch (OperationCanceledException)
            {
                // the interval passed, or the host stops
            }
        }
    }

    /// <summary>
    /// Sends each open stream what its conversation got since the stream's last frame: one query for all of this
    /// worker's streamed conversations, then one read per conversation that has something new. A stream's frames are
    /// written under its lock and only for numbers above the last it was sent, so it receives each activity once and in
    /// watermark order, whether from here or from the fast path.
    /// </summary>
    internal void PushNew()
    {
        List<(string Id, OpenStream[] Streams)> open;
        lock (_gate)
        {
            open = [.. _streams.Select(s => (s.Key, s.Value.ToArray()))];
        }
        if (open.Count == 0)
        {
            return;
        }
        var ids = open.Select(o => o.Id).ToList();
        if (time.GetUtcNow() - _lastTouch >= SweepInterval)
        {
            store.Touch(ids); // a conversation with a stream open is in use, even if nobody writes
            _lastTouch = time.GetUtcNow();
        }
        var latest = store.Latest(ids);
        foreach (var (id, streams) in open)
        {
            if (!latest.TryGetValue(id, out var last))
            {
                continue;
            }
            var from = streams.Min(s => Volatile.Read(ref s.Pushed));
            if (last <= from)
            {
                continue;
            }
            var rows = store.After(id, from, touch: false);
            var sentPrivate = -1L;
            foreach (var stream in streams)
            {
                lock (stream)
                {
                    var fresh = rows.Where(r => r.Watermark > stream.Pushed).ToList();
                    if (fresh.Count > 0)
                    {
                        stream.Frames.Writer.TryWrite(JsonSerializer.Serialize(ToSet(fresh, stream.Pushed), DirectLineJson.Options));
                        sentPrivate = Math.Max(sentPrivate, fresh.LastOrDefault(r => r.Private)?.Watermark ?? -1);
                    }
                    stream.Pushed = Math.Max(stream.Pushed, Math.Max(last, fresh.Count > 0 ? fresh[^1].Watermark : stream.Pushed));
                }
            }
            if (sentPrivate >= 0)
            {
                Sent(id, sentPrivate);
            }
        }
    }

    private void ForgetWhenDue()
    {
        var now = time.GetUtcNow();
        var due = false;
        while (_forgetDue.TryPeek(out var at) && at <= now)
        {
            _forgetDue.TryDequeue(out _);
            due = true;
        }
        if (due)
        {
            store.ForgetSent();
        }
    }

    private void SweepWhenDue()
    {
        var now = time.GetUtcNow();
        if (now - _lastSweep < SweepInterval)
        {
            return;
        }
        _lastSweep = now;
        store.ForgetSent(); // what a worker that stopped meanwhile had sent
        var forgotten = store.Sweep(now - TimeSpan.FromMinutes(options.Value.ConversationIdleMinutes));
        if (forgotten > 0)
        {
            LogSwept(logger, forgotten);
        }
    }

    /// <summary>
    /// The fast path for an activity appended on this worker: a stream that has everything before it (numbers within a
    /// conversation are consecutive) gets it at once without reading the database; any other waits for the loop, woken now.
    /// </summary>
    private void PushAppended(string conversationId, Activity activity, long watermark, bool isPrivate)
    {
        OpenStream[] streams;
        lock (_gate)
        {
            if (!_streams.TryGetValue(conversationId, out var list))
            {
                return;
            }
            streams = [.. list];
        }
        string? frame = null;
        var sent = false;
        foreach (var stream in streams)
        {
            lock (stream)
            {
                if (stream.Pushed == watermark - 1)
                {
                    frame ??= JsonSerializer.Serialize(new ActivitySet([activity], watermark.ToString(CultureInfo.InvariantCulture)), DirectLineJson.Options);
                    stream.Frames.Writer.TryWrite(frame);
                    stream.Pushed = watermark;
                    sent = true;
                    continue;
                }
            }
            _wake.Writer.TryWrite(true);
        }
        if (sent && isPrivate)
        {
            Sent(conversationId, watermark);
        }
    }

    private static ActivitySet ToSet(IReadOnlyList<WebActivities.Stored> rows, long watermark) => new(
        [.. rows.Select(r => JsonSerializer.Deserialize<Activity>(r.Json, DirectLineJson.Options)!)],
        (rows.Count > 0 ? rows[^1].Watermark : watermark).ToString(CultureInfo.InvariantCulture));

    /// <summary>A stream open on this worker and the last watermark it was sent (changed under a lock on the stream).</summary>
    private sealed class OpenStream(Channel<string> frames, long pushed)
    {
        public Channel<string> Frames { get; } = frames;

        public long Pushed = pushed;
    }

    /// <summary>The user's activity being answered, and whether its step turned out to be part of a report.</summary>
    public sealed class Answer(string activityId)
    {
        public string ActivityId { get; } = activityId;

        public volatile bool Private;
    }

    private sealed class EndAnswering(Action end) : IDisposable
    {
        public void Dispose() => end();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The web chat could not read new activities for its streams; trying again")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Forgot {Count} idle web conversations")]
    private static partial void LogSwept(ILogger logger, int count);
}
