using System.Globalization;
using System.Text;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Tips;

namespace NetralBot.Core.Dialogs.Report;

/// <summary>Writes a tip draft for the tipster to check, and the names of categories and fields.</summary>
public static class TipSummary
{
    public static string Format(DialogContent content, Language language, TipDraft draft)
    {
        var t = content.Texts;
        var unknown = t.Get(language, TextKey.ReportUnknown);
        var sb = new StringBuilder();
        Line(ReportDialog.State.ReportCategory, draft.Category is { } c ? CategoryName(content, language, c) : unknown);
        Line(ReportDialog.State.ReportWho, draft.Who ?? unknown);
        Line(ReportDialog.State.ReportAgency, draft.Agency ?? unknown);
        Line(ReportDialog.State.ReportRegency, draft.Regency ?? unknown);
        Line(ReportDialog.State.ReportPlace, draft.Place ?? "-");
        Line(ReportDialog.State.ReportWhen, draft.WhenText is null ? unknown
            : draft.WhenDate is { } d ? $"{draft.WhenText} ({d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})" : draft.WhenText);
        Line(ReportDialog.State.ReportWhat, draft.What ?? unknown);
        Line(ReportDialog.State.ReportEvidence, draft.Evidence.Count == 0 ? "-" : string.Join(", ", draft.Evidence.Select(e => e.Link ?? e.FileName ?? "file")));
        return sb.ToString().TrimEnd();

        void Line(ReportDialog.State field, string value) =>
            sb.Append("**").Append(FieldName(content, language, field)).Append(":** ").Append(value).Append('\n');
    }

    public static string CategoryName(DialogContent content, Language language, TipCategory category) => content.Texts.Get(language, category switch
    {
        TipCategory.CampaignAttributes => TextKey.TipCategoryCampaign,
        TipCategory.SocialMedia => TextKey.TipCategorySocialMedia,
        TipCategory.StateFacilities => TextKey.TipCategoryFacilities,
        TipCategory.Mobilising => TextKey.TipCategoryMobilising,
        TipCategory.MoneyGifts => TextKey.TipCategoryMoney,
        TipCategory.FavourableDecision => TextKey.TipCategoryDecision,
        _ => TextKey.TipCategoryOther,
    });

    public static string FieldName(DialogContent content, Language language, ReportDialog.State field) => content.Texts.Get(language, field switch
    {
        ReportDialog.State.ReportCategory => TextKey.FieldCategory,
        ReportDialog.State.ReportWho => TextKey.FieldWho,
        ReportDialog.State.ReportAgency => TextKey.FieldAgency,
        ReportDialog.State.ReportRegency => TextKey.FieldRegency,
        ReportDialog.State.ReportPlace => TextKey.FieldPlace,
        ReportDialog.State.ReportWhen => TextKey.FieldWhen,
        ReportDialog.State.ReportWhat => TextKey.FieldWhat,
        _ => TextKey.FieldEvidence,
    });

    public static string StatusName(DialogContent content, Language language, TipStatus status) => content.Texts.Get(language, status switch
    {
        TipStatus.Baru => TextKey.TipStatusNew,
        TipStatus.Diverifikasi => TextKey.TipStatusVerified,
        TipStatus.DiteruskanBawaslu => TextKey.TipStatusBawaslu,
        TipStatus.DiteruskanBkn => TextKey.TipStatusBkn,
        TipStatus.DiteruskanInspektorat => TextKey.TipStatusInspektorat,
        TipStatus.Ditolak => TextKey.TipStatusRejected,
        _ => TextKey.TipStatusDone,
    });
}
