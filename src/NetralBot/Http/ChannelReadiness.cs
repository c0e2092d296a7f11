using System.Collections.Concurrent;

namespace NetralBot.Http;

/// <summary>Which channels have started (a Telegram channel once getMe and its webhook or polling work); /readyz asks.</summary>
public sealed class ChannelReadiness
{
    private readonly ConcurrentDictionary<string, bool> _channels = new(StringComparer.Ordinal);

    /// <summary>A channel that will start: not ready until it says so.</summary>
    public void Expect(string channel) => _channels.TryAdd(channel, false);

    public void Started(string channel) => _channels[channel] = true;

    /// <summary>A started channel that can no longer work (WhatsApp's access token was refused).</summary>
    public void Failed(string channel) => _channels[channel] = false;

    public IReadOnlyList<string> NotStarted => [.. _channels.Where(c => !c.Value).Select(c => c.Key).Order(StringComparer.Ordinal)];
}
