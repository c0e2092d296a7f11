using NetralBot.Core.Tips;

namespace NetralBot.Core.Conversations;

/// <summary>
/// What a conversation must keep between messages but nobody may read: a tip draft, or the receipt code of a tip
/// being followed up. Stored encrypted and apart from the conversation state; deleted as soon as it is null.
/// </summary>
public sealed record PrivateState(TipDraft? Draft, string? FollowUpCode)
{
    public bool IsEmpty => Draft is null && FollowUpCode is null;
}
