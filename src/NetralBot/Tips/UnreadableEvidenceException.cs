namespace NetralBot.Tips;

/// <summary>A file sent as a photo that cannot be read as one; it is not stored and the draft is left as it was.</summary>
public sealed class UnreadableEvidenceException(string reason) : Exception("The evidence file is not a readable photo: " + reason);
