namespace NetralBot.Conversations;

/// <summary>
/// "Something is in the inbox": a webhook raises it after writing, the <see cref="InboxWorker"/> waits for it (or for
/// its next look), so a message is taken at once rather than at the next poll. Raising it twice before the worker looks
/// counts once.
/// </summary>
public sealed class InboxSignal
{
    private readonly SemaphoreSlim _raised = new(0, 1);

    public void Raise()
    {
        try
        {
            _raised.Release();
        }
        catch (SemaphoreFullException)
        {
            // already raised
        }
    }

    /// <summary>Waits until raised or until <paramref name="timeout"/> has passed.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _raised.WaitAsync(timeout, cancellationToken);
}
