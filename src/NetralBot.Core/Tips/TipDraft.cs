namespace NetralBot.Core.Tips;

/// <summary>A tip being written. Kept encrypted between messages, deleted on send or cancel.</summary>
/// <param name="WhenText">When it happened, as typed ("kemarin", "12/11").</param>
/// <param name="WhenDate">The same as a date, where it could be read.</param>
public sealed record TipDraft(
    TipCategory? Category,
    string? Who,
    string? Agency,
    string? Regency,
    string? Place,
    string? WhenText,
    DateOnly? WhenDate,
    string? What,
    IReadOnlyList<Evidence> Evidence)
{
    public static TipDraft Empty { get; } = new(null, null, null, null, null, null, null, null, []);
}
