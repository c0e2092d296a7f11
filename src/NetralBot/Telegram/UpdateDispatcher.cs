using Microsoft.Extensions.Logging;
using NetralBot.Conversations;
using NetralBot.Storage;
using Telegram.Bot.Types;

namespace NetralBot.Telegram;

/// <summary>
/// Telegram's update ids: hands each new update to the <see cref="ChatDispatcher"/> (chats concurrently, each chat in
/// order), tracks which ids are done and saves the highest id below which everything is done: after a restart
/// nothing done is handled again and nothing unfinished is lost (polling resumes from there; ids already in hand are
/// skipped).
/// </summary>
/// <remarks>Long polling only: a webhook keeps its updates in the inbox instead (<see cref="TelegramWebhook"/>).</remarks>
/// <param name="handle">Handles one update and never throws (the <see cref="TelegramUpdateHandler"/>).</param>
public sealed partial class UpdateDispatcher(Func<UpdateMapper.Mapped, Task> handle, ChatDispatcher chats, ChannelOffsets offsets, ILogger<UpdateDispatcher> logger)
{
    private readonly Lock _gate = new();
    private readonly SortedSet<int> _inHand = [];
    private int _highestSeen = -1;
    private int? _done;
    private TaskCompletionSource _idle = CompletedIdle();

    /// <summary>Every update with an id up to this one is handled (null before the first).</summary>
    public int? Done
    {
        get
        {
            lock (_gate)
            {
                return _done;
            }
        }
    }

    /// <summary>Resumes from the saved done-mark (null on the first start).</summary>
    public void Start()
    {
        var done = (int?)offsets.Load(UpdateMapper.Channel);
        lock (_gate)
        {
            _done = done;
            _highestSeen = done ?? -1;
        }
    }

    /// <summary>Takes an update unless it was already taken; false for a repeat.</summary>
    public bool Accept(Update update, string botUsername)
    {
        var mapped = UpdateMapper.Map(update, botUsername);
        lock (_gate)
        {
            // Polling gets ids in order from the done-mark on, so everything up to the highest id seen is in hand or done.
            if (update.Id <= _highestSeen)
            {
                return false;
            }
            _highestSeen = update.Id;
            _inHand.Add(update.Id);
            if (_idle.Task.IsCompleted)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            if (mapped is null)
            {
                CompleteLocked(update.Id);
                return true;
            }
        }
        chats.Enqueue(UpdateMapper.Channel, mapped.Message.ChatId, async () =>
        {
            try
            {
                await handle(mapped).ConfigureAwait(false);
            }
            finally
            {
                lock (_gate)
                {
                    CompleteLocked(update.Id);
                }
            }
        });
        return true;
    }

    /// <summary>Completes when no update is in hand (graceful shutdown waits for this).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    private void CompleteLocked(int id)
    {
        _inHand.Remove(id);
        var done = _inHand.Count == 0 ? _highestSeen : _inHand.Min - 1;
        if (done > (_done ?? -1))
        {
            _done = done;
            try
            {
                offsets.Save(UpdateMapper.Channel, done);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogOffsetNotSaved(ex); // the next completion saves a later id
            }
        }
        if (_inHand.Count == 0)
        {
            _idle.TrySetResult();
        }
    }

    private static TaskCompletionSource CompletedIdle()
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.SetResult();
        return idle;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: the handled-update mark could not be saved")]
    private partial void LogOffsetNotSaved(Exception exception);
}
