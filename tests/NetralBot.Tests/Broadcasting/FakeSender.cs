using System.Collections.Concurrent;
using System.Globalization;
using NetralBot.Channels;
using NetralBot.Core.Conversations;

namespace NetralBot.Tests.Broadcasting;

/// <summary>
/// An in-process channel for broadcast tests: records what it "sends" and "edits", and fails on demand: blocked
/// (403), an error outcome (like a 5xx after the channel's retries) or a thrown timeout. Optionally slow.
/// </summary>
public sealed class FakeSender : IMessageSender
{
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();
    private readonly ConcurrentDictionary<string, int> _timeoutsLeft = new();
    private readonly ConcurrentDictionary<string, bool> _blocked = new();
    private int _messageId;

    public string Channel => "telegram";

    /// <summary>How long each send takes (default: no time).</summary>
    public TimeSpan Delay { get; set; }

    public ConcurrentQueue<(string ChatId, string Text, bool HasImage, Traffic Traffic, string MessageId)> Sent { get; } = new();

    public ConcurrentQueue<(string ChatId, string MessageId, string Text)> Edited { get; } = new();

    public void Block(string chatId) => _blocked[chatId] = true;

    public void FailTimes(string chatId, int times) => _failuresLeft[chatId] = times;

    public void TimeOutTimes(string chatId, int times) => _timeoutsLeft[chatId] = times;

    public async Task<SendOutcome> SendAsync(string chatId, Reply reply, Traffic traffic, CancellationToken cancellationToken)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }
        if (_blocked.ContainsKey(chatId))
        {
            return new SendOutcome(SendStatus.Blocked, "blocked by the user");
        }
        if (_timeoutsLeft.TryGetValue(chatId, out var timeouts) && timeouts > 0)
        {
            _timeoutsLeft[chatId] = timeouts - 1;
            throw new TaskCanceledException("injected timeout");
        }
        if (_failuresLeft.TryGetValue(chatId, out var left) && left > 0)
        {
            _failuresLeft[chatId] = left - 1;
            return new SendOutcome(SendStatus.Failed, "502 injected");
        }
        var id = Interlocked.Increment(ref _messageId).ToString(CultureInfo.InvariantCulture);
        Sent.Enqueue((chatId, reply.Text, reply.Image is not null, traffic, id));
        return new SendOutcome(SendStatus.Sent, null, id);
    }

    public Task<SendOutcome> EditAsync(string chatId, string messageId, Reply reply, CancellationToken cancellationToken)
    {
        Edited.Enqueue((chatId, messageId, reply.Text));
        return Task.FromResult(new SendOutcome(SendStatus.Sent, null, messageId));
    }
}
