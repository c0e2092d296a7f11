using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs.Report;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Tips;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using NetralBot.Storage;

namespace NetralBot.Admin;

/// <summary>
/// The tip reviewers' chat commands (/admin, /tips, /tip, /tipstatus, /tipmsg, /tipexport). Only configured admins
/// reach them; for anyone else they do not exist (the dialog answers them like any unknown command).
/// </summary>
public sealed class AdminCommands(TipReview review, Broadcasts broadcasts, Subscriptions subscriptions, DialogsProvider dialogs, IOptionsMonitor<AdminOptions> admins, TimeProvider time)
{
    private const string SendDraft = "bc:send:";
    private const string DropDraft = "bc:drop:";
    private const int MaxBroadcastLength = 3500;
    private const int ListLimit = 20;
    private static readonly string[] Commands = ["/admin", "/tips", "/tip", "/tipfiles", "/tipstatus", "/tipmsg", "/tipexport", "/siaran", "/siaranlist", "/siaranstatus", "/siaranbatal"];

    private static readonly Dictionary<string, TipStatus> StatusWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["baru"] = TipStatus.Baru, ["diverifikasi"] = TipStatus.Diverifikasi, ["bawaslu"] = TipStatus.DiteruskanBawaslu,
        ["bkn"] = TipStatus.DiteruskanBkn, ["inspektorat"] = TipStatus.DiteruskanInspektorat, ["ditolak"] = TipStatus.Ditolak,
        ["selesai"] = TipStatus.Selesai,
    };

    private static readonly Dictionary<string, TipCategory> CategoryWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kampanye"] = TipCategory.CampaignAttributes, ["medsos"] = TipCategory.SocialMedia, ["fasilitas"] = TipCategory.StateFacilities,
        ["mobilisasi"] = TipCategory.Mobilising, ["uang"] = TipCategory.MoneyGifts, ["keputusan"] = TipCategory.FavourableDecision,
        ["lainnya"] = TipCategory.Other,
    };

    /// <summary>The replies when this is an admin command from an admin; null otherwise.</summary>
    public IReadOnlyList<Reply>? TryHandle(InboundMessage message, Language language)
    {
        if (message.Payload is { } payload && (payload.StartsWith(SendDraft, StringComparison.Ordinal) || payload.StartsWith(DropDraft, StringComparison.Ordinal)))
        {
            return admins.CurrentValue.IsAdmin(message.Channel, message.SenderId) ? [DraftButton(payload, language)] : null;
        }
        var text = message.Text?.Trim();
        if (message.IsGroupChat || string.IsNullOrEmpty(text) || !text.StartsWith('/') || !admins.CurrentValue.IsAdmin(message.Channel, message.SenderId))
        {
            return null;
        }
        var parts = text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var command = parts[0].ToLowerInvariant();
        if (!Commands.Contains(command))
        {
            return null;
        }
        var admin = message.Channel + ":" + message.SenderId;
        var content = dialogs.Current;
        string Say(string key, params (string, string)[] values) => content.Texts.Get(language, key, values);
        long? id = parts.Length > 1 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var rest = parts.Length > 2 ? parts[2] : null;

        switch (command)
        {
            case "/tips":
                return [new Reply(List(admin, content, language, parts.Skip(1).SelectMany(p => p.Split(' ')), Say))];
            case "/tip" when id is { } tipId:
                return [new Reply(review.Open(admin, tipId) is { } tip ? Format(content, language, tip) : Say(TextKey.AdminNoTip, ("id", tipId.ToString(CultureInfo.InvariantCulture))))];
            case "/tipfiles" when id is { } tipId:
                var files = review.Files(admin, tipId);
                if (files.Count == 0)
                {
                    return [new Reply(Say(TextKey.AdminNoTip, ("id", tipId.ToString(CultureInfo.InvariantCulture))))];
                }
                return [.. files.Select((content, i) => new Reply($"#{tipId} · {i + 1}/{files.Count}", [], EvidenceFile(tipId, i + 1, content)))];
            case "/tipstatus" when id is { } tipId && rest is not null:
                var words = rest.Split(' ', 2, StringSplitOptions.TrimEntries);
                if (!StatusWords.TryGetValue(words[0], out var status))
                {
                    return [new Reply(Say(TextKey.AdminUsage))];
                }
                return [new Reply(review.SetStatus(admin, tipId, status, words.Length > 1 ? words[1] : null)
                    ? Say(TextKey.AdminStatusSet, ("id", tipId.ToString(CultureInfo.InvariantCulture)), ("status", TipSummary.StatusName(content, language, status)))
                    : Say(TextKey.AdminNoTip, ("id", tipId.ToString(CultureInfo.InvariantCulture))))];
            case "/tipmsg" when id is { } tipId && rest is not null:
                return [new Reply(review.Message(admin, tipId, rest)
                    ? Say(TextKey.AdminMessageSent, ("id", tipId.ToString(CultureInfo.InvariantCulture)))
                    : Say(TextKey.AdminNoTip, ("id", tipId.ToString(CultureInfo.InvariantCulture))))];
            case "/tipexport":
                var all = review.Export(admin);
                var csv = new StringWriter(CultureInfo.InvariantCulture);
                TipCsv.Write(csv, all);
                var name = $"laporan-{time.GetUtcNow():yyyyMMdd-HHmm}.csv";
                return [new Reply(Say(TextKey.AdminExported, ("count", all.Count.ToString(CultureInfo.InvariantCulture))), [], new ReplyFile(name, "text/csv", new UTF8Encoding(true).GetBytes(csv.ToString())))];
            case "/siaran":
                var body = text[command.Length..].Trim();
                if (body.Length is 0 or > MaxBroadcastLength)
                {
                    return [new Reply(Say(TextKey.AdminUsage))];
                }
                var draft = broadcasts.CreateDraft(body, admin);
                var footer = content.Texts.Get(language, TextKey.BroadcastFooter);
                return
                [
                    new Reply(Say(TextKey.AdminBroadcastPreview, ("count", subscriptions.ActiveCount().ToString(CultureInfo.InvariantCulture))) + "\n\n" + body + "\n\n" + footer,
                    [
                        new Button(content.Texts.Get(language, TextKey.ButtonSend), SendDraft + draft.ToString(CultureInfo.InvariantCulture)),
                        new Button(content.Texts.Get(language, TextKey.ButtonCancel), DropDraft + draft.ToString(CultureInfo.InvariantCulture)),
                    ]),
                ];
            case "/siaranlist":
                var recent = broadcasts.Recent(10);
                return [new Reply(recent.Count == 0 ? Say(TextKey.AdminBroadcastNone) : string.Join("\n", recent.Select(p => Status(p, Say))))];
            case "/siaranstatus" when id is { } broadcastId:
                return [new Reply(broadcasts.GetProgress(broadcastId) is { State: not "draft" } progress ? Status(progress, Say) : Say(TextKey.AdminBroadcastNone))];
            case "/siaranbatal" when id is { } broadcastId:
                return [new Reply(broadcasts.CancelBroadcast(broadcastId) ? Say(TextKey.AdminBroadcastCancelled, ("id", broadcastId.ToString(CultureInfo.InvariantCulture))) : Say(TextKey.AdminBroadcastNone))];
            case "/admin":
                return [new Reply(Say(TextKey.AdminHelp))];
            default:
                return [new Reply(Say(TextKey.AdminUsage))];
        }
    }

    private Reply DraftButton(string payload, Language language)
    {
        var content = dialogs.Current;
        var send = payload.StartsWith(SendDraft, StringComparison.Ordinal);
        if (!long.TryParse(payload[(send ? SendDraft : DropDraft).Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return new Reply(content.Texts.Get(language, TextKey.StaleButton));
        }
        if (!send)
        {
            broadcasts.Discard(id);
            return new Reply(content.Texts.Get(language, TextKey.Cancelled));
        }
        return broadcasts.Confirm(id) is { } recipients
            ? new Reply(content.Texts.Get(language, TextKey.AdminBroadcastQueued, ("id", id.ToString(CultureInfo.InvariantCulture)), ("count", recipients.ToString(CultureInfo.InvariantCulture))))
            : new Reply(content.Texts.Get(language, TextKey.StaleButton));
    }

    private static string Status(Broadcasts.Progress p, Func<string, (string, string)[], string> say) =>
        say(TextKey.AdminBroadcastStatus,
        [
            ("id", p.Id.ToString(CultureInfo.InvariantCulture)), ("state", p.State), ("sent", p.Sent.ToString(CultureInfo.InvariantCulture)),
            ("failed", p.Failed.ToString(CultureInfo.InvariantCulture)), ("pending", p.Pending.ToString(CultureInfo.InvariantCulture)),
            ("total", p.Total.ToString(CultureInfo.InvariantCulture)),
        ]);

    /// <summary>An evidence file named after its tip and position, its type read from its bytes.</summary>
    public static ReplyFile EvidenceFile(long tipId, int index, byte[] content)
    {
        var (extension, mime) = content.AsSpan().StartsWith("%PDF-"u8) ? (".pdf", "application/pdf")
            : content.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }) ? (".png", "image/png")
            : content.AsSpan().StartsWith("GIF8"u8) ? (".gif", "image/gif")
            : content.AsSpan().StartsWith("RIFF"u8) ? (".webp", "image/webp")
            : (".jpg", "image/jpeg");
        return new ReplyFile($"laporan-{tipId}-bukti-{index}{extension}", mime, content);
    }

    private string List(string admin, DialogContent content, Language language, IEnumerable<string> filters, Func<string, (string, string)[], string> say)
    {
        TipStatus? status = null;
        TipCategory? category = null;
        foreach (var word in filters)
        {
            if (StatusWords.TryGetValue(word, out var s))
            {
                status = s;
            }
            else if (CategoryWords.TryGetValue(word, out var c))
            {
                category = c;
            }
        }
        var tips = review.List(admin, status, category, ListLimit);
        if (tips.Count == 0)
        {
            return say(TextKey.AdminNoTips, []);
        }
        var sb = new StringBuilder();
        foreach (var tip in tips)
        {
            sb.Append("#").Append(tip.Id).Append(" · ").Append(tip.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
                .Append(" · ").Append(TipSummary.CategoryName(content, language, tip.Category))
                .Append(" · ").Append(TipSummary.StatusName(content, language, tip.Status)).Append('\n');
        }
        return sb.ToString().TrimEnd();
    }

    private static string Format(DialogContent content, Language language, TipReview.Details tip)
    {
        var sb = new StringBuilder();
        sb.Append("**#").Append(tip.Id).Append("** · ").Append(tip.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
            .Append(" · ").Append(TipSummary.StatusName(content, language, tip.Status)).Append("\n\n");
        sb.Append(TipSummary.Format(content, language, tip.Content));
        if (tip.StatusReason is { } reason)
        {
            sb.Append("\n\n").Append(reason);
        }
        foreach (var message in tip.Messages)
        {
            sb.Append("\n\n").Append(message.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(message.FromReviewer ? " → " : " ← ").Append(message.Text);
        }
        return sb.ToString();
    }
}
