namespace NetralBot.Core.Knowledge;

/// <summary>The keys of the fixed texts in dialogs/texts.*.yaml; every key listed here must exist in every language.</summary>
public static class TextKey
{
    public const string Welcome = "welcome";
    public const string MenuTitle = "menu_title";
    public const string CategoryTitle = "category_title";
    public const string Help = "help";
    public const string AskPrompt = "ask_prompt";
    public const string Fallback = "fallback";
    public const string OutOfScope = "out_of_scope";
    public const string ReportComing = "report_coming";
    public const string Cancelled = "cancelled";
    public const string NothingToCancel = "nothing_to_cancel";
    public const string LanguagePrompt = "language_prompt";
    public const string LanguageSet = "language_set";
    public const string ClarifyPrompt = "clarify_prompt";
    public const string ClarifyNone = "clarify_none";
    public const string Greeting = "greeting";
    public const string Thanks = "thanks";
    public const string UnknownCommand = "unknown_command";
    public const string StaleButton = "stale_button";
    public const string EmptyMessage = "empty_message";
    public const string NonTextMessage = "non_text_message";
    public const string Apology = "apology";
    public const string VerdictBoleh = "verdict_boleh";
    public const string VerdictTidakBoleh = "verdict_tidak_boleh";
    public const string VerdictBersyarat = "verdict_bersyarat";
    public const string LabelWhy = "label_why";
    public const string LabelConditions = "label_conditions";
    public const string LabelViews = "label_views";
    public const string LabelBasis = "label_basis";
    public const string LabelSanction = "label_sanction";
    public const string LabelSanctionFor = "label_sanction_for";
    public const string LabelWhen = "label_when";
    public const string LabelNote = "label_note";
    public const string CertaintySedang = "certainty_sedang";
    public const string CertaintyRendah = "certainty_rendah";
    public const string Disclaimer = "disclaimer";
    public const string ButtonMenu = "button_menu";
    public const string ButtonAsk = "button_ask";
    public const string ButtonReport = "button_report";
    public const string ButtonBack = "button_back";
    public const string StatusPns = "status_pns";
    public const string StatusPppk = "status_pppk";
    public const string StatusPpnpn = "status_ppnpn";

    /// <summary>Every key the program uses, for validation at load time.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Welcome, MenuTitle, CategoryTitle, Help, AskPrompt, Fallback, OutOfScope, ReportComing, Cancelled,
        NothingToCancel, LanguagePrompt, LanguageSet, ClarifyPrompt, ClarifyNone, Greeting, Thanks, UnknownCommand,
        StaleButton, EmptyMessage, NonTextMessage, Apology, VerdictBoleh, VerdictTidakBoleh, VerdictBersyarat,
        LabelWhy, LabelConditions, LabelViews, LabelBasis, LabelSanction, LabelSanctionFor, LabelWhen, LabelNote,
        CertaintySedang, CertaintyRendah, Disclaimer, ButtonMenu, ButtonAsk, ButtonReport, ButtonBack,
        StatusPns, StatusPppk, StatusPpnpn,
    ];
}
