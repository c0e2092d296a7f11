using NetralBot.Core.Conversations;

namespace NetralBot.Conversations;

/// <summary>
/// A message as a channel hands it to the <see cref="InboundPipeline"/>: the channel-neutral message plus what only
/// the channel can do for it.
/// </summary>
/// <param name="FetchAttachment">Downloads the attached file (Telegram and WhatsApp fetch it by id); null when the
/// message has none or carries it already.</param>
/// <param name="Acknowledge">Tells the channel the message was received (a Telegram button's spinner); its failure is
/// only logged.</param>
/// <param name="Stepped">Sees the step's outcome before its replies are sent (the web chat makes a report's activities
/// private).</param>
public sealed record ChannelMessage(
    InboundMessage Message,
    Func<CancellationToken, Task<Attachment>>? FetchAttachment = null,
    Func<CancellationToken, Task>? Acknowledge = null,
    Action<StepOutcome>? Stepped = null);
