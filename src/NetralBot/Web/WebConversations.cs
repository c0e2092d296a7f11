using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace NetralBot.Web;

/// <summary>
/// The web chat's open conversations, in memory only: each one's recent activities (for polling and for a stream that
/// reconnects) and its open streams. Watermarks come from one clock-based counter, so they only grow, also across
/// restarts: a client's watermark from before a restart stays valid. Nothing here is written to disk, so a reply's
/// receipt code is never stored; a conversation idle for WebChat:ConversationIdleMinutes is forgotten.
/// </summary>
public sealed class WebConversations : IDisposable
{
    private readonly ConcurrentDictionary<string, WebConversation> _conversations = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _idle;
    private readonly ITimer _sweep;
    private long _lastWatermark;

    public WebConversations(TimeProvider time, IOptions<WebChatOptions> options)
    {
        _time = time;
        _idle = TimeSpan.FromMinutes(options.Value.ConversationIdleMinutes);
        _sweep = time.CreateTimer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public int Count => _conversations.Count;

    public WebConversation Open(string id) => _conversations.GetOrAdd(id, _ => new WebConversation(_time.GetUtcNow()));

    /// <summary>Adds an activity (its id and timestamp filled in) and pushes it to the conversation's streams.</summary>
    public Activity Append(string conversationId, Activity activity)
    {
        var conversation = Open(conversationId);
        var watermark = NextWatermark();
        var stored = activity with
        {
            Id = conversationId + "|" + watermark.ToString("D19", System.Globalization.CultureInfo.InvariantCulture),
            Timestamp = _time.GetUtcNow(),
            Conversation = new ConversationAccount(conversationId),
        };
        conversation.Add(watermark, stored, _time.GetUtcNow());
        return stored;
    }

    /// <summary>The activities after <paramref name="watermark"/> and the watermark to ask with next.</summary>
    public ActivitySet After(string conversationId, long watermark) => Open(conversationId).After(watermark, _time.GetUtcNow());

    private long NextWatermark()
    {
        // Microseconds since 1970: larger than any watermark handed out before a restart (clocks do not run back by
        // much; the counter never does within a run).
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        while (true)
        {
            var last = Interlocked.Read(ref _lastWatermark);
            var next = Math.Max(last + 1, now);
            if (Interlocked.CompareExchange(ref _lastWatermark, next, last) == last)
            {
                return next;
            }
        }
    }

    private void Sweep()
    {
        var cutoff = _time.GetUtcNow() - _idle;
        foreach (var (id, conversation) in _conversations)
        {
            if (conversation.IdleSince(cutoff))
            {
                _conversations.TryRemove(id, out _);
            }
        }
    }

    public void Dispose() => _sweep.Dispose();
}

/// <summary>One web conversation: recent activities, open streams, and the user activity being answered.</summary>
public sealed class WebConversation(DateTimeOffset opened)
{
    /// <summary>Activities kept per conversation for polling clients that fall behind.</summary>
    private const int KeptActivities = 64;
    private readonly Lock _gate = new();
    private readonly Queue<(long Watermark, Activity Activity)> _recent = new();
    private readonly List<Channel<string>> _streams = [];
    private DateTimeOffset _lastUsed = opened;
    private long _latest;

    /// <summary>The id of the user's activity the bot is answering now (one chat's messages run in order).</summary>
    public string? Answering { get; set; }

    internal void Add(long watermark, Activity activity, DateTimeOffset now)
    {
        var frame = JsonSerializer.Serialize(new ActivitySet([activity], watermark.ToString(System.Globalization.CultureInfo.InvariantCulture)), DirectLineJson.Options);
        lock (_gate)
        {
            _recent.Enqueue((watermark, activity));
            while (_recent.Count > KeptActivities)
            {
                _recent.Dequeue();
            }
            _latest = watermark;
            _lastUsed = now;
            foreach (var stream in _streams)
            {
                stream.Writer.TryWrite(frame);
            }
        }
    }

    internal ActivitySet After(long watermark, DateTimeOffset now)
    {
        lock (_gate)
        {
            _lastUsed = now;
            var activities = _recent.Where(a => a.Watermark > watermark).Select(a => a.Activity).ToList();
            var next = Math.Max(watermark, _latest);
            return new ActivitySet(activities, next.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Opens a stream: frames for every activity after <paramref name="watermark"/>, then each new one.</summary>
    public ChannelReader<string> Subscribe(long watermark, DateTimeOffset now)
    {
        var stream = Channel.CreateBounded<string>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            var backlog = After(watermark, now);
            if (backlog.Activities.Count > 0)
            {
                stream.Writer.TryWrite(JsonSerializer.Serialize(backlog, DirectLineJson.Options));
            }
            _streams.Add(stream);
        }
        return stream.Reader;
    }

    public void Unsubscribe(ChannelReader<string> reader)
    {
        lock (_gate)
        {
            _streams.RemoveAll(s => s.Reader == reader);
        }
    }

    internal bool IdleSince(DateTimeOffset cutoff)
    {
        lock (_gate)
        {
            return _streams.Count == 0 && _lastUsed < cutoff;
        }
    }
}
