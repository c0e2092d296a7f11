using System.Collections.Concurrent;
using NetralBot.Broadcasting;
using NetralBot.Core.Conversations;

namespace NetralBot.Tests.Broadcasting;

/// <summary>An in-process channel for broadcast tests: records what it "sends" and fails on demand (403, errors).</summary>
public sealed class FakeSender : IMessageSender
{
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();
    private readonly ConcurrentDictionary<string, bool> _blocked = new();

    public string Channel => "telegram";

    public ConcurrentQueue<(string ChatId, string Text)> Sent { get; } = new();

    public void Block(string chatId) => _blocked[chatId] = true;

    public void FailTimes(string chatId, int times) => _failuresLeft[chatId] = times;

    public Task<SendOutcome> SendAsync(string chatId, Reply reply, CancellationToken cancellationToken)
    {
        if (_blocked.ContainsKey(chatId))
        {
            return Task.FromResult(new SendOutcome(SendStatus.Blocked, "blocked by the user"));
        }
        if (_failuresLeft.TryGetValue(chatId, out var left) && left > 0)
        {
            _failuresLeft[chatId] = left - 1;
            return Task.FromResult(new SendOutcome(SendStatus.Failed, "502 injected"));
        }
        Sent.Enqueue((chatId, reply.Text));
        return Task.FromResult(SendOutcome.Sent);
    }
}
