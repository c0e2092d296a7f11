using NetralBot.Core.Tips;

namespace NetralBot.Core.Dialogs;

/// <summary>
/// What a dialog step may use besides the state and the message: the time, randomness (receipt codes) and a
/// read-only tip lookup. Passed in so Core does no I/O and tests are deterministic.
/// </summary>
/// <param name="FindTip">Looks a tip up by its normalised receipt code; null when there is none.</param>
/// <param name="TipsAllowed">False when this sender reached today's limit of tips (spam protection).</param>
/// <param name="Zone">The deployment's time zone (Bot:TimeZone; WIB when not given): "kemarin" and deadlines are days there.</param>
public sealed record DialogInputs(DateTimeOffset Now, Func<int, byte[]> RandomBytes, Func<string, TipView?> FindTip, bool TipsAllowed = true, TimeZoneInfo? Zone = null)
{
    /// <summary>
    /// The message's text as the service understood it before the step (outside the storage lock, so two conversations
    /// are understood at once while only their storage takes turns); the guidance dialog uses it when it is about the
    /// same text and the same rules, and understands the text itself otherwise.
    /// </summary>
    public PreUnderstood? Understood { get; init; }

    /// <summary>Today in the deployment's zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, Zone ?? Reminders.IndonesianTimeZones.Wib).DateTime);

    /// <summary>Inputs for answering questions only (nothing is stored): the `ask` command and benchmarks.</summary>
    public static DialogInputs GuidanceOnly(DateTimeOffset now) =>
        new(now, System.Security.Cryptography.RandomNumberGenerator.GetBytes, _ => null);
}

/// <summary><paramref name="Text"/> (trimmed, as the dialog sees it) understood by <paramref name="By"/>.</summary>
public sealed record PreUnderstood(Understanding.QuestionUnderstander By, string Text, Understanding.Understanding Result);
