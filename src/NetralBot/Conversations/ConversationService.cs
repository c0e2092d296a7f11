using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Admin;
using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs;
using NetralBot.Core.Dialogs.Guidance;
using NetralBot.Core.Dialogs.Report;
using NetralBot.Core.Knowledge;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using NetralBot.Storage;
using NetralBot.Tips;

namespace NetralBot.Conversations;

/// <summary>
/// Runs one inbound message through its conversation: load state, dialog step, save state and apply the step's
/// effects (a sent tip, added information, the question log) in one transaction, then return the replies.
/// Messages of one conversation are handled in order; different conversations run concurrently.
/// Nothing logged here names a chat, a user or what they wrote.
/// </summary>
public sealed partial class ConversationService(
    DialogsProvider dialogs,
    ConversationStore store,
    TipStore tips,
    EvidenceFiles evidence,
    TipLimiter limiter,
    Subscriptions subscriptions,
    AdminCommands admin,
    ConversationKeys keys,
    Http.BotMetrics metrics,
    IOptions<BotOptions> options,
    TimeProvider time,
    ILogger<ConversationService> logger)
{
    // Striped locks: the same conversation always maps to the same stripe (order kept), memory stays bounded.
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly DialogSettings _settings = new(options.Value.HumanContact);
    private readonly TimeZoneInfo _zone = options.Value.Zone;
    private readonly Language _defaultLanguage = LanguageCodes.Parse(options.Value.DefaultLanguage) ?? Language.Indonesian;

    /// <summary>True when the bot has never talked in this conversation.</summary>
    public bool IsNew(InboundMessage message) => store.Load(keys.For(message.Channel, message.ChatId)) is null;

    public async Task<StepOutcome> HandleAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var key = keys.For(message.Channel, message.ChatId);
        var understood = Understand(message);
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length)];
        StepOutcome outcome;
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            outcome = AdminStep(key, message) ?? store.Update(key, (stored, work) => Step(key, message, stored, work, understood));
        }
        catch (UnreadableEvidenceException)
        {
            // The step was rolled back: the draft is as it was before this file.
            var state = store.Load(key) ?? NewState(message);
            outcome = new StepOutcome(state, [new Reply(dialogs.Current.Texts.Get(state.Language, TextKey.ReportFileUnreadable), state.Offered)], [], null);
        }
        finally
        {
            stripe.Release();
        }
        if (FirstDelay(outcome.Effects) is { } delay)
        {
            // Right and wrong receipt codes answer after the same time; the wait is outside the conversation's lock.
            var remaining = delay.Delay - Stopwatch.GetElapsedTime(started);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, time, cancellationToken).ConfigureAwait(false);
            }
        }
        return outcome;
    }

    /// <summary>
    /// A typed message understood before its step takes the storage lock: on SQLite the steps of all conversations take
    /// one writer in turn, and understanding is most of a step's work, so two conversations are understood at once and
    /// only their storage waits. A message that turns out to be part of a report is understood for nothing (rare).
    /// </summary>
    private PreUnderstood? Understand(InboundMessage message)
    {
        var text = message.Payload is null ? message.Text?.Trim() : null;
        if (string.IsNullOrEmpty(text) || text.StartsWith('/'))
        {
            return null;
        }
        var understander = dialogs.Current.Understander;
        return new PreUnderstood(understander, text, understander.Understand(text));
    }

    private (ConversationState, IReadOnlyList<LogQuestion>, StepOutcome) Step(string key, InboundMessage message, ConversationState? stored, StoreTransaction work, PreUnderstood? understood)
    {
        var state = stored ?? NewState(message);
        if (!GuidanceDialog.IsKnownState(state.State) && !ReportDialog.OwnsState(state.State) && !FollowUpDialog.OwnsState(state.State))
        {
            LogUnknownState(state.State);
            state = state with { State = "Idle", Private = null };
        }
        var inputs = new DialogInputs(time.GetUtcNow(), RandomNumberGenerator.GetBytes, code => tips.Find(work, code), limiter.Allows(key), _zone) { Understood = understood };
        var outcome = ConversationDialog.Step(dialogs.Current, _settings, inputs, state, message);
        var questions = new List<LogQuestion>(1);
        var tipSentOrAdded = false;
        foreach (var effect in outcome.Effects)
        {
            switch (effect)
            {
                case LogQuestion question:
                    questions.Add(question);
                    break;
                case SubmitTip submit:
                    tips.Submit(work, submit.Draft, submit.ReceiptCode);
                    tipSentOrAdded = true;
                    limiter.Count(key);
                    LogTipReceived();
                    metrics.TipReceived();
                    break;
                case StoreEvidenceFile file:
                    evidence.Store(work, file.FileId, EvidenceCleaner.Clean(file.Attachment.Content), file.ReceiptCode);
                    break;
                case Subscribe subscribe:
                    // The one place a raw chat id is stored: broadcasts need it. Never joined with tips.
                    subscriptions.Subscribe(work, message.Channel, message.ChatId, outcome.State.Language.ToCode(), subscribe.Regency, subscribe.Agency);
                    subscriptions.RecordOptIn(work, message.Channel, message.ChatId, OptInWording(outcome.State.Language));
                    break;
                case Unsubscribe:
                    subscriptions.Unsubscribe(work, message.Channel, message.ChatId);
                    break;
                case AddTipInformation add:
                    tips.AddInformation(work, add.ReceiptCode, add.Text);
                    tipSentOrAdded = true;
                    LogTipInformationAdded();
                    break;
            }
        }
        if (tipSentOrAdded)
        {
            // Whoever holds the key can find a chat's conversation row from its id: once a tip is sent (or added
            // to), nothing there may point to it (its buttons carried the event date), only the language and
            // the wrong-code throttle stay.
            var done = outcome.State;
            outcome = outcome with { State = ConversationState.New(done.Language) with { WrongCodes = done.WrongCodes, WrongCodesSince = done.WrongCodesSince } };
        }
        return (outcome.State, questions, outcome);
    }

    private static DelayReply? FirstDelay(IReadOnlyList<DialogEffect> effects)
    {
        foreach (var effect in effects)
        {
            if (effect is DelayReply delay)
            {
                return delay;
            }
        }
        return null;
    }

    /// <summary>
    /// An admin's command or button (a typed number picks from the buttons offered last, as in every dialog): the
    /// admin handlers answer it and the buttons they offer are saved like any dialog's, so the next typed number picks
    /// one of them. Null for anything else. Runs outside the conversation's write transaction (the handlers write
    /// through their own stores); the conversation's lock keeps the order.
    /// </summary>
    private StepOutcome? AdminStep(string key, InboundMessage message)
    {
        // Cheap checks first: a person's question costs no extra read (an admin's typed text may pick an admin button).
        var typedChoice = message.Payload is null && message.Text is not null && admin.IsAdmin(message);
        if (!typedChoice && !admin.MightHandle(message))
        {
            return null;
        }
        var state = store.Load(key) ?? NewState(message);
        var picked = message.Payload is null ? ConversationDialog.PickedByNumber(message.Text, state.Offered) : null;
        var resolved = picked is null ? message : message with { Text = null, Payload = picked };
        if (admin.TryHandle(resolved, state.Language) is not { } replies)
        {
            return null;
        }
        var after = state with { Offered = replies.LastOrDefault(r => r.Buttons.Count > 0)?.Buttons ?? [] };
        store.Save(key, after, []);
        return new StepOutcome(after, replies, [], null);
    }

    private ConversationState NewState(InboundMessage message) =>
        ConversationState.New(LanguageCodes.Parse(message.LanguageCode) ?? _defaultLanguage);

    /// <summary>
    /// The version of the wording a subscriber agreed to (WhatsApp wants the opt-in on record): a short hash of the
    /// confirmation they were shown, so an edited text is a new version without anyone numbering it.
    /// </summary>
    private string OptInWording(Language language)
    {
        var text = dialogs.Current.Texts.Get(language, TextKey.Subscribed);
        return language.ToCode() + ":" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A conversation had an unknown stored state '{State}'; it restarts at Idle")]
    private partial void LogUnknownState(string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "A tip was received")]
    private partial void LogTipReceived();

    [LoggerMessage(Level = LogLevel.Information, Message = "Information was added to a tip")]
    private partial void LogTipInformationAdded();
}
