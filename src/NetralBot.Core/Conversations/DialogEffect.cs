using NetralBot.Core.Understanding;

namespace NetralBot.Core.Conversations;

/// <summary>Something a dialog step asks the program to do (Core does no I/O itself).</summary>
public abstract record DialogEffect;

/// <summary>Append to the anonymous question log. <paramref name="Text"/> is null when it must not be kept (reports).</summary>
public sealed record LogQuestion(string? Text, Intent Intent, string? RuleId, double Confidence) : DialogEffect;

/// <summary>Store a finished tip under the hash of its receipt code (the code itself is never stored).</summary>
public sealed record SubmitTip(Tips.TipDraft Draft, string ReceiptCode) : DialogEffect;

/// <summary>Add the tipster's extra information to the tip with this receipt code.</summary>
public sealed record AddTipInformation(string ReceiptCode, string Text) : DialogEffect;

/// <summary>Hold the reply until this long after the message arrived, so right and wrong codes take the same time.</summary>
public sealed record DelayReply(TimeSpan Delay) : DialogEffect;

/// <summary>The guidance dialog saw a wish to report: the conversation continues in the report flow.</summary>
public sealed record StartReportFlow : DialogEffect;

/// <summary>
/// Store an evidence file under <paramref name="FileId"/> (metadata removed, encrypted); with a receipt code it is
/// added to that sent tip, otherwise it belongs to the draft.
/// </summary>
public sealed record StoreEvidenceFile(string FileId, Attachment Attachment, string? ReceiptCode = null) : DialogEffect;

/// <summary>
/// Subscribe this chat to sosialisasi broadcasts (the program stores the channel's chat id for sending), with the
/// kabupaten/kota and agency the person chose (null: not asked or skipped) so admins can target a segment.
/// </summary>
public sealed record Subscribe(string? Regency = null, string? Agency = null) : DialogEffect;

/// <summary>Stop broadcasts to this chat.</summary>
public sealed record Unsubscribe : DialogEffect;
