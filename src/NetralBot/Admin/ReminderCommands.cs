using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Reminders;
using NetralBot.Storage;

namespace NetralBot.Admin;

/// <summary>
/// Scheduled reminders in chat: <c>/pengingat</c> lists those from dialogs/reminders.yaml and the admins' own with
/// their next time; <c>/pengingatbaru cron [WIB|WITA|WIT] teks</c> previews a new one (its next three times) to save
/// or cancel; <c>/pengingathapus N</c> stops one. The draft lives in the store, so its buttons survive restarts.
/// </summary>
public sealed partial class ReminderCommands(AdminReminders reminders, TimeProvider time)
{
    /// <summary>Same room as a broadcast: the reminder is sent as one.</summary>
    public const int MaxLength = BroadcastCommands.MaxLength;

    private const string Prefix = "rm:";
    private const string Save = Prefix + "save:";
    private const string Drop = Prefix + "drop:";
    private const int PreviewCount = 3;
    private const int ListedTextLength = 120;

    public static IReadOnlyList<string> Commands { get; } = ["/pengingat", "/pengingatbaru", "/pengingathapus"];

    public static bool OwnsButton(string payload) => payload.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The replies to one of <see cref="Commands"/>.</summary>
    public IReadOnlyList<Reply> Handle(AdminRequest r) => r.Command switch
    {
        "/pengingat" => [List(r)],
        "/pengingatbaru" => [Compose(r)],
        "/pengingathapus" => [Delete(r)],
        _ => [new Reply(r.Say(TextKey.AdminUsage))],
    };

    /// <summary>A press on Save or Cancel under a preview (the payload without the admin prefix).</summary>
    public IReadOnlyList<Reply> Press(AdminRequest r, string payload)
    {
        var parts = payload.Split(':');
        if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || reminders.Get(id) is not { SavedAt: null } draft)
        {
            return [new Reply(r.Say(TextKey.StaleButton))];
        }
        if (payload.StartsWith(Drop, StringComparison.Ordinal) && reminders.Discard(id))
        {
            return [new Reply(r.Say(TextKey.Cancelled))];
        }
        if (payload.StartsWith(Save, StringComparison.Ordinal) && reminders.Save(id, r.Admin))
        {
            var reminder = draft.ToReminder();
            return [new Reply(r.Say(TextKey.AdminReminderSaved, ("id", Text(id)), ("schedule", Schedule(r, reminder)), ("next", NextTime(r, reminder))))];
        }
        return [new Reply(r.Say(TextKey.StaleButton))];
    }

    private Reply List(AdminRequest r)
    {
        var lines = r.Content.Reminders
            .Select(reminder => r.Say(TextKey.AdminReminderFileItem, ("id", reminder.Id), ("schedule", Schedule(r, reminder)), ("next", NextTime(r, reminder)), ("text", Shortened(reminder.Text))))
            .Concat(reminders.ListActive().Select(saved =>
            {
                var reminder = saved.ToReminder();
                return r.Say(TextKey.AdminReminderItem, ("id", Text(saved.Id)), ("schedule", Schedule(r, reminder)), ("next", NextTime(r, reminder)), ("text", Shortened(saved.Text)));
            }))
            .ToList();
        return new Reply(lines.Count == 0 ? r.Say(TextKey.AdminReminderNone) : r.Say(TextKey.AdminReminderListTitle) + "\n\n" + string.Join("\n\n", lines));
    }

    private Reply Compose(AdminRequest r)
    {
        var usage = r.Say(TextKey.AdminReminderUsage, ("max", Text(MaxLength)));
        var match = NewReminder().Match(r.Arguments.Trim());
        var text = match.Groups["text"].Value.Trim();
        if (!match.Success || text.Length > MaxLength || IndonesianTimeZones.FromWord(text) is not null)
        {
            return new Reply(usage);
        }
        var cron = string.Join(' ', match.Groups["cron"].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var zone = match.Groups["zone"].Success ? IndonesianTimeZones.FromWord(match.Groups["zone"].Value)! : IndonesianTimeZones.Find(IndonesianTimeZones.Default)!;
        CronExpression schedule;
        try
        {
            schedule = CronExpression.Parse(cron);
        }
        catch (CronFormatException)
        {
            return new Reply(r.Say(TextKey.AdminReminderBadCron, ("cron", cron)) + "\n\n" + usage);
        }
        var next = ScheduleWords.Next(schedule, zone, time.GetUtcNow(), PreviewCount);
        if (next.Count == 0)
        {
            return new Reply(r.Say(TextKey.AdminReminderBadCron, ("cron", cron)) + "\n\n" + usage);
        }
        var id = reminders.AddDraft(cron, zone.Id, text, r.Admin);
        var header = r.Say(TextKey.AdminReminderPreview,
            ("schedule", ScheduleWords.Describe(schedule, zone, r.Content.Texts, r.Language)),
            ("next", string.Join("\n", next.Select(at => "• " + ScheduleWords.Occurrence(at, zone, r.Language)))));
        var body = header + "\n\n" + text + "\n\n" + r.Say(TextKey.BroadcastFooter);
        return new Reply(body, [r.Button(TextKey.ButtonSave, Save + Text(id)), r.Button(TextKey.ButtonCancel, Drop + Text(id))]);
    }

    private Reply Delete(AdminRequest r)
    {
        if (r.Arguments.Length == 0)
        {
            return new Reply(r.Say(TextKey.AdminUsage));
        }
        return r.Number is { } id && reminders.Delete(id, r.Admin)
            ? new Reply(r.Say(TextKey.AdminReminderDeleted, ("id", Text(id))))
            : new Reply(r.Say(TextKey.AdminReminderUnknown, ("id", r.Arguments.Split(' ', 2)[0])));
    }

    private static string Schedule(AdminRequest r, Reminder reminder) =>
        ScheduleWords.Describe(reminder.Schedule, reminder.TimeZone, r.Content.Texts, r.Language);

    private string NextTime(AdminRequest r, Reminder reminder) =>
        ScheduleWords.Next(reminder.Schedule, reminder.TimeZone, time.GetUtcNow(), 1) is [var next]
            ? ScheduleWords.Occurrence(next, reminder.TimeZone, r.Language)
            : r.Say(TextKey.AdminReminderNever);

    private static string Shortened(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= ListedTextLength ? line : line[..ListedTextLength].TrimEnd() + "…";
    }

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Five cron fields, an optional zone word, then the text (which may span lines).</summary>
    [GeneratedRegex(@"^(?<cron>\S+\s+\S+\s+\S+\s+\S+\s+\S+)(?:\s+(?<zone>WIB|WITA|WIT)(?=\s))?\s+(?<text>\S.*)$", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NewReminder();
}
