namespace NetralBot.Core.Conversations;

/// <summary>The result of one dialog step: the new state to save, the replies to send, the effects to apply.</summary>
/// <param name="Understood">How a typed message was understood (null for buttons and commands).</param>
public sealed record StepOutcome(
    ConversationState State,
    IReadOnlyList<Reply> Replies,
    IReadOnlyList<DialogEffect> Effects,
    Understanding.Understanding? Understood);
