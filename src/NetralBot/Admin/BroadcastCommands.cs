using System.Globalization;
using NetralBot.Broadcasting;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Reminders;
using NetralBot.Storage;
using NetralBot.Tips;

namespace NetralBot.Admin;

/// <summary>
/// Composing a broadcast in chat: <c>/siaran teks</c> (or a photo captioned <c>/siaran teks</c>) makes a draft and
/// shows it as subscribers will see it, with the number of recipients; the admin may narrow it to one kabupaten/kota
/// and/or one agency (the count follows), then sends or cancels. <c>/siaranjadwal besok 07:00 WIB teks</c> does the
/// same for a broadcast sent at that time. Also /siaranlist, /siaranstatus N, /siaranbatal N.
/// The draft lives in the store, so the buttons keep working across restarts; only admins can press them.
/// </summary>
public sealed class BroadcastCommands(Broadcasts broadcasts, Subscriptions subscriptions, TimeProvider time)
{
    /// <summary>A broadcast and its footer fit one message on every channel (Telegram and WhatsApp allow 4,096 characters).</summary>
    public const int MaxLength = 3500;

    private const string Prefix = "bc:";
    private const string Send = Prefix + "send:";
    private const string Drop = Prefix + "drop:";
    private const string ChooseRegency = Prefix + "reg:";
    private const string ChooseAgency = Prefix + "agc:";
    private const string SetRegency = Prefix + "r:";
    private const string SetAgency = Prefix + "a:";
    private const string Everyone = "-";

    /// <summary>How far ahead a broadcast may be scheduled.</summary>
    private static readonly TimeSpan FurthestAhead = TimeSpan.FromDays(366);

    public static IReadOnlyList<string> Commands { get; } = ["/siaran", "/siaranjadwal", "/siaranlist", "/siaranstatus", "/siaranbatal"];

    public static bool OwnsButton(string payload) => payload.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The replies to one of <see cref="Commands"/>.</summary>
    public IReadOnlyList<Reply> Handle(AdminRequest r)
    {
        switch (r.Command)
        {
            case "/siaran":
                return [Compose(r, r.Arguments.Trim(), null)];
            case "/siaranjadwal":
                return [ComposeScheduled(r)];
            case "/siaranlist":
                var recent = broadcasts.Recent(10);
                return [new Reply(recent.Count == 0 ? r.Say(TextKey.AdminBroadcastNone) : string.Join("\n", recent.Select(p => Status(r, p))))];
            case "/siaranstatus" when r.Number is { } id:
                return [new Reply(broadcasts.GetProgress(id) is { State: not "draft" } progress ? Status(r, progress) : r.Say(TextKey.AdminBroadcastNone))];
            case "/siaranbatal" when r.Number is { } id:
                return [new Reply(broadcasts.CancelBroadcast(id) ? r.Say(TextKey.AdminBroadcastCancelled, ("id", Text(id))) : r.Say(TextKey.AdminBroadcastNone))];
            default:
                return [new Reply(r.Say(TextKey.AdminUsage))];
        }
    }

    /// <summary>A press on one of the draft's buttons (the payload without the admin prefix).</summary>
    public IReadOnlyList<Reply> Press(AdminRequest r, string payload)
    {
        var parts = payload.Split(':');
        if (parts.Length < 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || broadcasts.GetDraft(id) is not { } draft)
        {
            return [new Reply(r.Say(TextKey.StaleButton))];
        }
        if (payload.StartsWith(Drop, StringComparison.Ordinal))
        {
            broadcasts.Discard(id);
            return [new Reply(r.Say(TextKey.Cancelled))];
        }
        if (payload.StartsWith(Send, StringComparison.Ordinal) && draft.SendAt is { } sendAt)
        {
            // Recipients are counted when it starts: people may still subscribe until then.
            return broadcasts.Schedule(id)
                ? [new Reply(r.Say(TextKey.AdminBroadcastScheduled, ("id", Text(id)), ("when", BroadcastStateNames.When(sendAt, draft.SendZone, r.Language)),
                    ("count", Text(subscriptions.ActiveCount(draft.Regency, draft.Agency)))))]
                : [new Reply(r.Say(TextKey.StaleButton))];
        }
        if (payload.StartsWith(Send, StringComparison.Ordinal))
        {
            if (subscriptions.ActiveCount(draft.Regency, draft.Agency) == 0)
            {
                return [new Reply(r.Say(TextKey.AdminBroadcastNoRecipients)), Preview(r, draft)];
            }
            return broadcasts.Confirm(id) is { } recipients
                ? [new Reply(r.Say(TextKey.AdminBroadcastQueued, ("id", Text(id)), ("count", Text(recipients))))]
                : [new Reply(r.Say(TextKey.StaleButton))];
        }
        if (payload.StartsWith(ChooseRegency, StringComparison.Ordinal))
        {
            return [Choices(r, TextKey.AdminBroadcastPickRegency, id, SetRegency, r.Content.Regencies, i => subscriptions.ActiveCount(r.Content.Regencies[i], draft.Agency))];
        }
        if (payload.StartsWith(ChooseAgency, StringComparison.Ordinal))
        {
            return [Choices(r, TextKey.AdminBroadcastPickAgency, id, SetAgency, r.Content.Agencies, i => subscriptions.ActiveCount(draft.Regency, r.Content.Agencies[i]))];
        }
        var setRegency = payload.StartsWith(SetRegency, StringComparison.Ordinal);
        if ((setRegency || payload.StartsWith(SetAgency, StringComparison.Ordinal)) && parts.Length == 4
            && Pick(parts[3], setRegency ? r.Content.Regencies : r.Content.Agencies, out var chosen))
        {
            var (regency, agency) = setRegency ? (chosen, draft.Agency) : (draft.Regency, chosen);
            broadcasts.SetSegment(id, regency, agency);
            return [Preview(r, draft with { Regency = regency, Agency = agency })];
        }
        return [new Reply(r.Say(TextKey.StaleButton))];
    }

    private Reply ComposeScheduled(AdminRequest r)
    {
        var now = time.GetUtcNow();
        if (!SendTime.TryParse(r.Arguments, now, out var at, out var zone, out var text) || at <= now || at > now + FurthestAhead || text.Length == 0)
        {
            return new Reply(r.Say(TextKey.AdminBroadcastScheduleUsage));
        }
        return Compose(r, text, (at, zone.Id));
    }

    private Reply Compose(AdminRequest r, string text, (DateTimeOffset At, string Zone)? schedule)
    {
        if (text.Length is 0 or > MaxLength)
        {
            return new Reply(r.Say(TextKey.AdminBroadcastUsage, ("max", Text(MaxLength))));
        }
        byte[]? image = null;
        if (r.Message.Attachment is { } attachment)
        {
            if (!attachment.MimeType.StartsWith("image/", StringComparison.Ordinal) || attachment.Content.Length == 0)
            {
                return new Reply(r.Say(TextKey.AdminBroadcastImageUnusable));
            }
            try
            {
                image = PhotoSanitizer.Clean(attachment.Content);
            }
            catch (UnreadableEvidenceException)
            {
                return new Reply(r.Say(TextKey.AdminBroadcastImageUnusable));
            }
        }
        var id = broadcasts.CreateDraft(text, image, r.Admin, r.Message.Channel, r.Message.ChatId, schedule?.At, schedule?.Zone);
        return Preview(r, new Broadcasts.Draft(id, text, null, null, image is not null, schedule?.At, schedule?.Zone), image);
    }

    /// <summary>The draft as subscribers will see it, who receives it, and the buttons to narrow, send or cancel.</summary>
    private Reply Preview(AdminRequest r, Broadcasts.Draft draft, byte[]? image = null)
    {
        var everyone = r.Say(TextKey.AdminBroadcastEveryone);
        var count = subscriptions.ActiveCount(draft.Regency, draft.Agency);
        var header = r.Say(TextKey.AdminBroadcastPreview, ("count", Text(count)), ("regency", draft.Regency ?? everyone), ("agency", draft.Agency ?? everyone));
        if (draft.SendAt is { } at)
        {
            header += "\n" + r.Say(TextKey.AdminBroadcastScheduledFor, ("when", BroadcastStateNames.When(at, draft.SendZone, r.Language)));
        }
        var id = Text(draft.Id);
        List<Button> buttons = [r.Button(draft.SendAt is null ? TextKey.ButtonSend : TextKey.ButtonSchedule, Send + id)];
        if (r.Content.Regencies.Count > 0)
        {
            buttons.Add(r.Button(TextKey.AdminBroadcastRegencyButton, ChooseRegency + id));
        }
        if (r.Content.Agencies.Count > 0)
        {
            buttons.Add(r.Button(TextKey.AdminBroadcastAgencyButton, ChooseAgency + id));
        }
        buttons.Add(r.Button(TextKey.ButtonCancel, Drop + id));
        var body = header + "\n\n" + draft.Text + "\n\n" + r.Say(TextKey.BroadcastFooter);
        return new Reply(body, buttons, Image: image ?? (draft.HasImage ? broadcasts.Image(draft.Id) : null));
    }

    private static Reply Choices(AdminRequest r, string promptKey, long id, string prefix, IReadOnlyList<string> names, Func<int, int> count)
    {
        var draft = Text(id);
        var buttons = names.Select((name, i) => new Button($"{name} ({Text(count(i))})", AdminRequest.ButtonPrefix + prefix + draft + ":" + Text(i)))
            .Append(r.Button(TextKey.AdminBroadcastEveryone, prefix + draft + ":" + Everyone))
            .ToList();
        return new Reply(r.Say(promptKey), buttons);
    }

    private static bool Pick(string choice, IReadOnlyList<string> names, out string? name)
    {
        name = null;
        if (choice == Everyone)
        {
            return true;
        }
        if (int.TryParse(choice, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < names.Count)
        {
            name = names[i];
            return true;
        }
        return false;
    }

    private static string Status(AdminRequest r, Broadcasts.Progress p) =>
        r.Say(TextKey.AdminBroadcastStatus,
            ("id", Text(p.Id)), ("state", BroadcastStateNames.Name(r.Content, r.Language, p)), ("sent", Text(p.Sent)), ("failed", Text(p.Failed)), ("pending", Text(p.Pending)), ("total", Text(p.Total)));

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);
}
