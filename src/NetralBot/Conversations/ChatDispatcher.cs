namespace NetralBot.Conversations;

/// <summary>
/// Runs the work of different chats concurrently and that of one chat in order: a queue and a worker per active
/// (channel, chat), removed when the chat goes quiet, so a slow chat (a 429 wait, its rate limit) never holds up the
/// others and an idle chat costs nothing. Every channel hands its messages here.
/// </summary>
public sealed class ChatDispatcher
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Channel, string Chat), Queue<Func<Task>>> _chats = [];
    private int _inHand;
    private TaskCompletionSource _idle = Completed();

    /// <summary>Chats with work queued or running.</summary>
    public int ActiveChats
    {
        get
        {
            lock (_gate)
            {
                return _chats.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="work"/> behind the chat's earlier work. The work must not throw (the
    /// <see cref="InboundPipeline"/> never does); if it does, the chat's next work still runs.</summary>
    public void Enqueue(string channel, string chatId, Func<Task> work)
    {
        var key = (channel, chatId);
        lock (_gate)
        {
            if (_inHand++ == 0 && _idle.Task.IsCompleted)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            if (_chats.TryGetValue(key, out var queue))
            {
                queue.Enqueue(work); // the chat's worker is running and will take it
                return;
            }
            _chats[key] = new Queue<Func<Task>>([work]);
        }
        _ = Task.Run(() => RunChatAsync(key));
    }

    /// <summary>Completes when no work is queued or running (graceful shutdown waits for this).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    private async Task RunChatAsync((string, string) key)
    {
        while (true)
        {
            Func<Task> next;
            lock (_gate)
            {
                next = _chats[key].Peek();
            }
            try
            {
                await next().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Contract broken by the work itself; the chat must not stall because of it.
            }
            lock (_gate)
            {
                var queue = _chats[key];
                queue.Dequeue();
                if (--_inHand == 0)
                {
                    _idle.TrySetResult();
                }
                if (queue.Count == 0)
                {
                    _chats.Remove(key);
                    return;
                }
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.SetResult();
        return idle;
    }
}
