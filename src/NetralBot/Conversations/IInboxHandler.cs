namespace NetralBot.Conversations;

/// <summary>A channel that keeps its incoming messages in the inbox (a webhook): answers one as the channel wrote it.</summary>
public interface IInboxHandler
{
    string Channel { get; }

    /// <summary>Reads the stored message and runs it through the <see cref="InboundPipeline"/> (which never throws).</summary>
    Task HandleAsync(byte[] payload, CancellationToken cancellationToken);
}
