using System.Globalization;
using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs.Report;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Tips;

namespace NetralBot.Admin;

/// <summary>
/// The tip buttons: open a tip from its announcement, set its status, get its files, write to the tipster; and
/// /notifikasi on|off for the hourly announcements of new tips (<see cref="TipNotifications"/>).
/// </summary>
public sealed partial class TipCommands
{
    private const string Prefix = "tip:";
    private const string Open = Prefix + "open:";
    private const string SetStatus = Prefix + "st:";
    private const string Files = Prefix + "files:";
    private const string Write = Prefix + "msg:";
    private const string Mute = Prefix + "mute";

    private static readonly TipStatus[] Settable =
        [TipStatus.Diverifikasi, TipStatus.DiteruskanBawaslu, TipStatus.DiteruskanBkn, TipStatus.DiteruskanInspektorat, TipStatus.Ditolak, TipStatus.Selesai];

    public static bool OwnsButton(string payload) => payload.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The buttons under an opened tip: its status choices, its files, a message to the tipster.</summary>
    private static IReadOnlyList<Button> TipButtons(AdminRequest r, long id)
    {
        var n = id.ToString(CultureInfo.InvariantCulture);
        return
        [
            .. Settable.Select(s => new Button("➡️ " + TipSummary.StatusName(r.Content, r.Language, s), AdminRequest.ButtonPrefix + SetStatus + n + ":" + s)),
            r.Button(TextKey.ButtonTipFiles, Files + n),
            r.Button(TextKey.ButtonWriteTipster, Write + n),
        ];
    }

    /// <summary>An announcement of new tips: one line each (number, category, kabupaten/kota) and buttons to open them.</summary>
    public static Reply Announcement(DialogContent content, Language language, IReadOnlyList<Storage.TipReview.Arrival> tips)
    {
        var lines = tips.Select(t => content.Texts.Get(language, TextKey.AdminTipArrivedItem,
            ("id", t.Id.ToString(CultureInfo.InvariantCulture)),
            ("category", TipSummary.CategoryName(content, language, t.Category)),
            ("regency", string.IsNullOrWhiteSpace(t.Regency) ? "-" : t.Regency)));
        var buttons = tips.TakeLast(5).Select(t => new Button(
            content.Texts.Get(language, TextKey.ButtonOpenTip, ("id", t.Id.ToString(CultureInfo.InvariantCulture))),
            AdminRequest.ButtonPrefix + Open + t.Id.ToString(CultureInfo.InvariantCulture))).ToList();
        buttons.Add(new Button(content.Texts.Get(language, TextKey.ButtonMuteTips), AdminRequest.ButtonPrefix + Mute));
        return new Reply(content.Texts.Get(language, TextKey.AdminTipsArrived) + "\n" + string.Join("\n", lines), buttons);
    }

    public IReadOnlyList<Reply> Press(AdminRequest r, string payload)
    {
        if (payload == Mute)
        {
            return Notifications(r with { Arguments = "off" });
        }
        var parts = payload[Prefix.Length..].Split(':');
        if (parts.Length < 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return [new Reply(r.Say(TextKey.StaleButton))];
        }
        var n = id.ToString(CultureInfo.InvariantCulture);
        return payload switch
        {
            _ when payload.StartsWith(Open, StringComparison.Ordinal) => Handle(r with { Command = "/tip", Arguments = n }),
            _ when payload.StartsWith(Files, StringComparison.Ordinal) => Handle(r with { Command = "/tipfiles", Arguments = n }),
            _ when payload.StartsWith(Write, StringComparison.Ordinal) => [new Reply(r.Say(TextKey.AdminTipMessageHint, ("id", n)))],
            _ when payload.StartsWith(SetStatus, StringComparison.Ordinal) && parts.Length == 3 && Enum.TryParse<TipStatus>(parts[2], out var status) && Settable.Contains(status) =>
                [new Reply(review.SetStatus(r.Admin, id, status, null)
                    ? r.Say(TextKey.AdminStatusSet, ("id", n), ("status", TipSummary.StatusName(r.Content, r.Language, status)))
                    : r.Say(TextKey.AdminNoTip, ("id", n)))],
            _ => [new Reply(r.Say(TextKey.StaleButton))],
        };
    }

    /// <summary>/notifikasi on|off: the hourly announcements of new tips for this admin (on by default).</summary>
    public IReadOnlyList<Reply> Notifications(AdminRequest r)
    {
        var word = r.Arguments.Trim().ToLowerInvariant();
        if (word is "off" or "mati" or "matikan")
        {
            preferences.SetTipNotifications(r.Admin, false);
            return [new Reply(r.Say(TextKey.AdminNotificationsOff))];
        }
        if (word is "on" or "nyala" or "nyalakan" or "aktif")
        {
            preferences.SetTipNotifications(r.Admin, true);
            return [new Reply(r.Say(TextKey.AdminNotificationsOn))];
        }
        return [new Reply(r.Say(preferences.TipNotificationsOff().Contains(r.Admin) ? TextKey.AdminNotificationsOff : TextKey.AdminNotificationsOn))];
    }
}
