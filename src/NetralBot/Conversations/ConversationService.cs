using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs;
using NetralBot.Core.Dialogs.Guidance;
using NetralBot.Core.Knowledge;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using NetralBot.Storage;

namespace NetralBot.Conversations;

/// <summary>
/// Runs one inbound message through its conversation: load state, dialog step, save state and effects, return
/// the replies. Messages of one conversation are handled in order; different conversations run concurrently.
/// </summary>
public sealed partial class ConversationService(
    DialogsProvider dialogs,
    ConversationStore store,
    ConversationKeys keys,
    IOptions<BotOptions> options,
    ILogger<ConversationService> logger)
{
    // Striped locks: the same conversation always maps to the same stripe (order kept), memory stays bounded.
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly DialogSettings _settings = new(options.Value.HumanContact);
    private readonly Language _defaultLanguage = LanguageCodes.Parse(options.Value.DefaultLanguage) ?? Language.Indonesian;

    /// <summary>True when the bot has never talked in this conversation.</summary>
    public bool IsNew(InboundMessage message) => store.Load(keys.For(message.Channel, message.ChatId)) is null;

    public async Task<StepOutcome> HandleAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        var key = keys.For(message.Channel, message.ChatId);
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return store.Update(key, stored =>
            {
                var state = stored ?? ConversationState.New(LanguageCodes.Parse(message.LanguageCode) ?? _defaultLanguage);
                if (!GuidanceDialog.IsKnownState(state.State))
                {
                    LogUnknownState(state.State);
                }
                var outcome = GuidanceDialog.Step(dialogs.Current, _settings, state, message);
                return (outcome.State, outcome.Effects.OfType<LogQuestion>(), outcome);
            });
        }
        finally
        {
            stripe.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A conversation had an unknown stored state '{State}'; it restarts at Idle")]
    private partial void LogUnknownState(string state);
}
