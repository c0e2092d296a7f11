using System.Diagnostics;
using System.Diagnostics.Metrics;
using NetralBot.Core.Understanding;
using NetralBot.Storage;

namespace NetralBot.Http;

/// <summary>
/// The bot's own metrics (meter "NetralBot"), exported at /metrics in Prometheus text format through OpenTelemetry.
/// Tags are channel names, intents, outcomes and status codes only: never a chat id, question text or tip data.
/// </summary>
public sealed class BotMetrics : IDisposable
{
    public const string MeterName = "NetralBot";
    private readonly Meter _meter;
    private readonly Counter<long> _messages;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _clarified;
    private readonly Counter<long> _notUnderstood;
    private readonly Counter<long> _tips;
    private readonly Counter<long> _broadcast;
    private readonly Counter<long> _channelErrors;

    public BotMetrics(IMeterFactory meters, Broadcasts broadcasts, Inbox inbox)
    {
        _meter = meters.Create(MeterName);
        _messages = _meter.CreateCounter<long>("netralbot.messages.handled", description: "Messages handled, by channel and intent");
        _latency = _meter.CreateHistogram<double>("netralbot.answer.duration", "s", "Time from a message's arrival to its replies being sent",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _clarified = _meter.CreateCounter<long>("netralbot.answers.clarify", description: "Questions answered with 'which do you mean?'");
        _notUnderstood = _meter.CreateCounter<long>("netralbot.answers.not_understood", description: "Messages the bot did not understand");
        _tips = _meter.CreateCounter<long>("netralbot.tips.received", description: "Anonymous tips received");
        _broadcast = _meter.CreateCounter<long>("netralbot.broadcast.messages", description: "Broadcast messages by channel and outcome");
        _channelErrors = _meter.CreateCounter<long>("netralbot.channel.errors", description: "Errors from channels (429, 403, 5xx, other)");
        _meter.CreateObservableGauge("netralbot.outbox.depth", () => broadcasts.Waiting(), description: "Broadcast messages waiting to be sent");
        _meter.CreateObservableGauge("netralbot.inbox.depth", () => inbox.Count(), description: "Incoming webhook messages kept and not answered yet (all workers)");
    }

    public void Handled(string channel, Intent? intent, long startedTimestamp)
    {
        var name = intent is { } i ? IntentNames.Of(i) : "button_or_command";
        _messages.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("intent", name));
        _latency.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new KeyValuePair<string, object?>("channel", channel));
        if (intent == Intent.Clarify)
        {
            _clarified.Add(1, new KeyValuePair<string, object?>("channel", channel));
        }
        if (intent == Intent.Unknown)
        {
            _notUnderstood.Add(1, new KeyValuePair<string, object?>("channel", channel));
        }
    }

    public void TipReceived() => _tips.Add(1);

    public void Broadcast(string channel, string outcome) =>
        _broadcast.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));

    /// <param name="status">"429", "403", "5xx" or "other".</param>
    public void ChannelError(string channel, string status) =>
        _channelErrors.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("status", status));

    public void Dispose() => _meter.Dispose();
}
