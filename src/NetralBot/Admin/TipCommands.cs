using NetralBot.Hosting;
using System.Globalization;
using System.Text;
using NetralBot.Core.Conversations;
using NetralBot.Core.Dialogs.Report;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Tips;
using NetralBot.Storage;

namespace NetralBot.Admin;

/// <summary>The tip reviewers' commands: /tips, /tip, /tipfiles, /tipstatus, /tipmsg, /tipexport. Every action is audited.</summary>
public sealed partial class TipCommands(TipReview review, TimeProvider time, LocalTime clock, AdminPreferences preferences)
{
    private const int ListLimit = 20;

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

    // The words /tipstatus takes, in the order admins read them in /admin.
    private static readonly string StatusList = string.Join(", ", StatusWords.Keys);

    public static IReadOnlyList<string> Commands { get; } = ["/tips", "/tip", "/tipfiles", "/tipstatus", "/tipmsg", "/tipexport"];

    /// <summary>The replies to one of <see cref="Commands"/>.</summary>
    public IReadOnlyList<Reply> Handle(AdminRequest r)
    {
        var id = r.Number;
        var idText = id?.ToString(CultureInfo.InvariantCulture) ?? "";
        switch (r.Command)
        {
            case "/tips":
                return [new Reply(List(r))];
            case "/tip" when id is { } tipId:
                return [review.Open(r.Admin, tipId) is { } tip ? new Reply(Format(r, tip), TipButtons(r, tipId)) : new Reply(r.Say(TextKey.AdminNoTip, ("id", idText)))];
            case "/tipfiles" when id is { } tipId:
                return review.Files(r.Admin, tipId) switch
                {
                    null => [new Reply(r.Say(TextKey.AdminNoTip, ("id", idText)))],
                    [] => [new Reply(r.Say(TextKey.AdminNoFiles, ("id", idText)))],
                    var files => [.. files.Select((content, i) => new Reply($"#{tipId} · {i + 1}/{files.Count}", [], EvidenceFile(tipId, i + 1, content)))],
                };
            case "/tipstatus" when id is { } tipId && r.Rest is null:
                return [new Reply(r.Say(TextKey.AdminStatusMissing, ("id", idText), ("statuses", StatusList)))];
            case "/tipstatus" when id is { } tipId && r.Rest is { } rest:
                var words = rest.Split(' ', 2, StringSplitOptions.TrimEntries);
                if (!StatusWords.TryGetValue(words[0], out var status))
                {
                    return [new Reply(r.Say(TextKey.AdminStatusUnknown, ("status", words[0]), ("id", idText), ("statuses", StatusList)))];
                }
                return [new Reply(review.SetStatus(r.Admin, tipId, status, words.Length > 1 ? words[1] : null)
                    ? r.Say(TextKey.AdminStatusSet, ("id", idText), ("status", TipSummary.StatusName(r.Content, r.Language, status)))
                    : r.Say(TextKey.AdminNoTip, ("id", idText)))];
            case "/tipmsg" when id is { } tipId && r.Rest is { } text:
                return [new Reply(review.Message(r.Admin, tipId, text) ? r.Say(TextKey.AdminMessageSent, ("id", idText)) : r.Say(TextKey.AdminNoTip, ("id", idText)))];
            case "/tipexport":
                var all = review.Export(r.Admin);
                var csv = new StringWriter(CultureInfo.InvariantCulture);
                TipCsv.Write(csv, all, clock, r.Content, r.Language);
                var name = $"laporan-{time.GetUtcNow():yyyyMMdd-HHmm}.csv";
                return [new Reply(r.Say(TextKey.AdminExported, ("count", all.Count.ToString(CultureInfo.InvariantCulture))), [], new ReplyFile(name, "text/csv", new UTF8Encoding(true).GetBytes(csv.ToString())))];
            default:
                return [new Reply(r.Say(TextKey.AdminUsage))];
        }
    }

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

    private string List(AdminRequest r)
    {
        TipStatus? status = null;
        TipCategory? category = null;
        foreach (var word in r.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
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
        var tips = review.List(r.Admin, status, category, ListLimit);
        if (tips.Count == 0)
        {
            return r.Say(TextKey.AdminNoTips);
        }
        var sb = new StringBuilder();
        foreach (var tip in tips)
        {
            sb.Append('#').Append(tip.Id).Append(" · ").Append(clock.Format(tip.CreatedAt))
                .Append(" · ").Append(TipSummary.CategoryName(r.Content, r.Language, tip.Category))
                .Append(" · ").Append(TipSummary.StatusName(r.Content, r.Language, tip.Status)).Append('\n');
        }
        return sb.ToString().TrimEnd();
    }

    private string Format(AdminRequest r, TipReview.Details tip)
    {
        var sb = new StringBuilder();
        sb.Append("**#").Append(tip.Id).Append("** · ").Append(clock.Format(tip.CreatedAt))
            .Append(" · ").Append(TipSummary.StatusName(r.Content, r.Language, tip.Status)).Append("\n\n");
        sb.Append(TipSummary.Format(r.Content, r.Language, tip.Content));
        if (tip.StatusReason is { } reason)
        {
            sb.Append("\n\n").Append(reason);
        }
        foreach (var message in tip.Messages)
        {
            sb.Append("\n\n").Append(clock.Format(message.At)).Append(message.FromReviewer ? " → " : " ← ").Append(message.Text);
        }
        return sb.ToString();
    }
}
