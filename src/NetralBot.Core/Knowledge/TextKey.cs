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
    public const string ButtonBackToReview = "button_back_to_review";
    public const string StatusPns = "status_pns";
    public const string StatusPppk = "status_pppk";
    public const string StatusPpnpn = "status_ppnpn";
    public const string ReportNotice = "report_notice";
    /// <summary>The line of the report notice on what the channel itself can see: "report_notice_limit_" + channel name, else the generic one.</summary>
    public const string ReportNoticeLimit = "report_notice_limit";
    public const string ReportNoticeLimitTelegram = "report_notice_limit_telegram";
    public const string ReportNoticeLimitWhatsApp = "report_notice_limit_whatsapp";
    public const string ReportNoticeLimitWeb = "report_notice_limit_web";
    public const string ReportPrivateOnly = "report_private_only";
    public const string ReportCategoryPrompt = "report_category_prompt";
    public const string ReportPickCategory = "report_pick_category";
    public const string TipCategoryCampaign = "tip_category_campaign";
    public const string TipCategorySocialMedia = "tip_category_social_media";
    public const string TipCategoryFacilities = "tip_category_facilities";
    public const string TipCategoryMobilising = "tip_category_mobilising";
    public const string TipCategoryMoney = "tip_category_money";
    public const string TipCategoryDecision = "tip_category_decision";
    public const string TipCategoryOther = "tip_category_other";
    public const string ReportWhoPrompt = "report_who_prompt";
    public const string ReportAgencyPrompt = "report_agency_prompt";
    public const string ReportRegencyPrompt = "report_regency_prompt";
    public const string ReportPlacePrompt = "report_place_prompt";
    public const string ReportWhenPrompt = "report_when_prompt";
    /// <summary>Asked once when the "when" answer names a period or cannot be read: pick the date from buttons.</summary>
    public const string ReportWhenConfirm = "report_when_confirm";
    /// <summary>Short day names, Sunday first, separated by spaces: the labels of the date buttons ("Sen 23/11").</summary>
    public const string ReportWhenDayNames = "report_when_day_names";
    public const string ReportWhatPrompt = "report_what_prompt";
    public const string ReportWhatShort = "report_what_short";
    public const string ReportTooLong = "report_too_long";
    public const string ReportTextPlease = "report_text_please";
    public const string ReportEvidencePrompt = "report_evidence_prompt";
    public const string ReportEvidenceHint = "report_evidence_hint";
    public const string ReportEvidenceAdded = "report_evidence_added";
    public const string ReportFilesNotYet = "report_files_not_yet";
    public const string ReportReviewTitle = "report_review_title";
    public const string ReportChooseField = "report_choose_field";
    public const string ReportUnknown = "report_unknown";
    public const string ReportSent = "report_sent";
    public const string ReportCancelled = "report_cancelled";
    public const string ReportExpired = "report_expired";
    public const string ReportInProgress = "report_in_progress";
    public const string ReportContinueOrRestart = "report_continue_or_restart";
    public const string ButtonResume = "button_resume";
    public const string ButtonRestart = "button_restart";
    public const string ReportLimit = "report_limit";
    public const string FieldCategory = "field_category";
    public const string FieldWho = "field_who";
    public const string FieldAgency = "field_agency";
    public const string FieldRegency = "field_regency";
    public const string FieldPlace = "field_place";
    public const string FieldWhen = "field_when";
    public const string FieldWhat = "field_what";
    public const string FieldEvidence = "field_evidence";
    public const string Checklist = "checklist";
    public const string ChecklistDeadline = "checklist_deadline";
    public const string ChecklistDeadlinePassed = "checklist_deadline_passed";
    public const string ChecklistDeadlineUnknown = "checklist_deadline_unknown";
    public const string StatusPrompt = "status_prompt";
    public const string StatusNotFound = "status_not_found";
    public const string StatusShown = "status_shown";
    public const string StatusReason = "status_reason";
    public const string StatusMessages = "status_messages";
    public const string StatusAddPrompt = "status_add_prompt";
    public const string StatusAdded = "status_added";
    public const string StatusThrottled = "status_throttled";
    public const string TipStatusNew = "tip_status_new";
    public const string TipStatusVerified = "tip_status_verified";
    public const string TipStatusBawaslu = "tip_status_bawaslu";
    public const string TipStatusBkn = "tip_status_bkn";
    public const string TipStatusInspektorat = "tip_status_inspektorat";
    public const string TipStatusRejected = "tip_status_rejected";
    public const string TipStatusDone = "tip_status_done";
    public const string ButtonContinue = "button_continue";
    public const string ButtonCancel = "button_cancel";
    public const string ButtonSkip = "button_skip";
    public const string ButtonDontKnow = "button_dont_know";
    public const string ButtonDontRememberDate = "button_dont_remember_date";
    public const string ButtonDone = "button_done";
    public const string ButtonSend = "button_send";
    public const string ButtonChange = "button_change";
    public const string ButtonChecklist = "button_checklist";
    public const string ButtonAddInfo = "button_add_info";
    public const string ButtonTryAgain = "button_try_again";
    public const string BotCommands = "bot_commands";
    public const string SubscribeRegencyPrompt = "subscribe_regency_prompt";
    public const string SubscribeAgencyPrompt = "subscribe_agency_prompt";
    public const string SubscribePicked = "subscribe_picked";
    public const string SubscribeNoMatch = "subscribe_no_match";
    public const string AdminBroadcastPreview = "admin_broadcast_preview";
    public const string AdminBroadcastQueued = "admin_broadcast_queued";
    public const string AdminBroadcastStatus = "admin_broadcast_status";
    public const string AdminBroadcastCancelled = "admin_broadcast_cancelled";
    public const string AdminBroadcastNone = "admin_broadcast_none";
    public const string AdminBroadcastScheduleUsage = "admin_broadcast_schedule_usage";
    public const string AdminBroadcastScheduledFor = "admin_broadcast_scheduled_for";
    public const string AdminBroadcastScheduled = "admin_broadcast_scheduled";
    public const string AdminBroadcastMissed = "admin_broadcast_missed";
    public const string ButtonSchedule = "button_schedule";
    public const string BroadcastStateScheduled = "broadcast_state_scheduled";
    public const string BroadcastStateMissed = "broadcast_state_missed";
    public const string AdminBroadcastUsage = "admin_broadcast_usage";
    public const string AdminBroadcastImageUnusable = "admin_broadcast_image_unusable";
    public const string AdminBroadcastNoRecipients = "admin_broadcast_no_recipients";
    public const string AdminBroadcastPickRegency = "admin_broadcast_pick_regency";
    public const string AdminBroadcastPickAgency = "admin_broadcast_pick_agency";
    public const string AdminBroadcastEveryone = "admin_broadcast_everyone";
    public const string AdminBroadcastRegencyButton = "admin_broadcast_regency_button";
    public const string AdminBroadcastAgencyButton = "admin_broadcast_agency_button";
    public const string AdminBroadcastProgress = "admin_broadcast_progress";
    public const string AdminBroadcastReport = "admin_broadcast_report";
    public const string AdminBroadcastReasons = "admin_broadcast_reasons";
    public const string AdminReminderListTitle = "admin_reminder_list_title";
    public const string AdminReminderFileItem = "admin_reminder_file_item";
    public const string AdminReminderItem = "admin_reminder_item";
    public const string AdminReminderNone = "admin_reminder_none";
    public const string AdminReminderNever = "admin_reminder_never";
    public const string AdminReminderUsage = "admin_reminder_usage";
    public const string AdminReminderBadCron = "admin_reminder_bad_cron";
    public const string AdminReminderPreview = "admin_reminder_preview";
    public const string AdminReminderSaved = "admin_reminder_saved";
    public const string AdminReminderDeleted = "admin_reminder_deleted";
    public const string AdminReminderUnknown = "admin_reminder_unknown";
    public const string ReminderScheduleDaily = "reminder_schedule_daily";
    public const string ReminderScheduleWeekly = "reminder_schedule_weekly";
    public const string ReminderScheduleMonthly = "reminder_schedule_monthly";
    public const string ReminderScheduleYearly = "reminder_schedule_yearly";
    public const string ReminderScheduleCron = "reminder_schedule_cron";
    public const string ButtonSave = "button_save";
    public const string BroadcastStateSending = "broadcast_state_sending";
    public const string BroadcastStateDone = "broadcast_state_done";
    public const string BroadcastStateCancelled = "broadcast_state_cancelled";
    public const string BroadcastReasonBlocked = "broadcast_reason_blocked";
    public const string BroadcastReasonUnsubscribed = "broadcast_reason_unsubscribed";
    /// <summary>WhatsApp: the person last wrote more than 24 hours ago and no approved template is configured.</summary>
    public const string BroadcastReasonOutsideWindow = "broadcast_reason_outside_window";
    /// <summary>WhatsApp: a file with decrypted tip data (an export, evidence) is not uploaded to Meta.</summary>
    public const string FileNotOnWhatsApp = "file_not_on_whatsapp";
    public const string Subscribed = "subscribed";
    public const string Unsubscribed = "unsubscribed";
    public const string BroadcastFooter = "broadcast_footer";
    public const string ReportFileTooLarge = "report_file_too_large";
    public const string ReportFileUnsupported = "report_file_unsupported";
    public const string ReportFileUnreadable = "report_file_unreadable";
    public const string AdminHelp = "admin_help";
    public const string AdminNoTip = "admin_no_tip";
    public const string AdminNoTips = "admin_no_tips";
    public const string AdminStatusSet = "admin_status_set";
    public const string AdminMessageSent = "admin_message_sent";
    public const string AdminUsage = "admin_usage";
    public const string AdminStatusUnknown = "admin_status_unknown";
    public const string AdminStatusMissing = "admin_status_missing";
    public const string AdminNoFiles = "admin_no_files";
    public const string NotCovered = "not_covered";
    public const string NotCoveredAsker = "not_covered_asker";
    public const string NotCoveredElectionFacts = "not_covered_election_facts";
    public const string VerdictContested = "verdict_contested";
    public const string SafeTidakBoleh = "safe_tidak_boleh";
    public const string SafeBersyarat = "safe_bersyarat";
    public const string CertaintySedangShort = "certainty_sedang_short";
    public const string CertaintyRendahShort = "certainty_rendah_short";
    public const string ButtonMore = "button_more";
    public const string AlternativesPrompt = "alternatives_prompt";
    public const string SanctionLevels = "sanction_levels";
    public const string AdminExported = "admin_exported";
    public const string AdminTipsArrived = "admin_tips_arrived";
    public const string AdminTipArrivedItem = "admin_tip_arrived_item";
    public const string AdminNotificationsOn = "admin_notifications_on";
    public const string AdminNotificationsOff = "admin_notifications_off";
    public const string AdminTipMessageHint = "admin_tip_message_hint";
    public const string ButtonOpenTip = "button_open_tip";
    public const string ButtonMuteTips = "button_mute_tips";
    public const string ButtonTipFiles = "button_tip_files";
    public const string ButtonWriteTipster = "button_write_tipster";

    /// <summary>Every key the program uses, for validation at load time.</summary>
    public const string StatsTitle = "stats_title";
    public const string StatsQuestionsPerDay = "stats_questions_per_day";
    public const string StatsTopics = "stats_topics";
    public const string StatsRules = "stats_rules";
    public const string StatsTipCategories = "stats_tip_categories";
    public const string StatsTipStatuses = "stats_tip_statuses";
    public const string StatsTipRegencies = "stats_tip_regencies";
    public const string StatsRegencyOther = "stats_regency_other";
    public const string StatsDelivery = "stats_delivery";
    public const string StatsDeliverySent = "stats_delivery_sent";
    public const string StatsDeliveryFailed = "stats_delivery_failed";
    public const string StatsDeliverySkipped = "stats_delivery_skipped";
    public const string StatsDeliveryWaiting = "stats_delivery_waiting";
    public const string StatsSubscribers = "stats_subscribers";
    public const string StatsSubscribersActive = "stats_subscribers_active";
    public const string StatsSubscribersNew = "stats_subscribers_new";
    public const string StatsNoData = "stats_no_data";
    public const string StatsSummary = "stats_summary";
    public const string StatsUnansweredTitle = "stats_unanswered_title";
    public const string StatsUnansweredItem = "stats_unanswered_item";
    public const string StatsUnansweredNone = "stats_unanswered_none";
    public const string StatsDigestTitle = "stats_digest_title";
    public const string StatsUsage = "stats_usage";

    public static IReadOnlyList<string> All { get; } =
    [
        Welcome, MenuTitle, CategoryTitle, Help, AskPrompt, Fallback, OutOfScope, Cancelled,
        NothingToCancel, LanguagePrompt, LanguageSet, ClarifyPrompt, ClarifyNone, Greeting, Thanks, UnknownCommand,
        StaleButton, EmptyMessage, NonTextMessage, Apology, VerdictBoleh, VerdictTidakBoleh, VerdictBersyarat,
        LabelWhy, LabelConditions, LabelViews, LabelBasis, LabelSanction, LabelSanctionFor, LabelWhen, LabelNote,
        CertaintySedang, CertaintyRendah, Disclaimer, ButtonMenu, ButtonAsk, ButtonReport, ButtonBack,
        StatusPns, StatusPppk, StatusPpnpn,
        ReportNotice, ReportNoticeLimit, ReportNoticeLimitTelegram, ReportNoticeLimitWhatsApp, ReportNoticeLimitWeb, ReportPrivateOnly, ReportCategoryPrompt, ReportPickCategory, TipCategoryCampaign, TipCategorySocialMedia,
        TipCategoryFacilities, TipCategoryMobilising, TipCategoryMoney, TipCategoryDecision, TipCategoryOther, ReportWhoPrompt,
        ReportAgencyPrompt, ReportRegencyPrompt, ReportPlacePrompt, ReportWhenPrompt, ReportWhatPrompt, ReportWhatShort,
        ReportTooLong, ReportTextPlease, ReportEvidencePrompt, ReportEvidenceHint, ReportEvidenceAdded, ReportFilesNotYet,
        ReportReviewTitle, ReportChooseField, ReportUnknown, ReportSent, ReportCancelled, ReportExpired,
        ReportInProgress, ReportContinueOrRestart, ButtonResume, ButtonRestart, ReportLimit, FieldCategory, FieldWho, FieldAgency, FieldRegency,
        FieldPlace, FieldWhen, FieldWhat, FieldEvidence, Checklist, ChecklistDeadline,
        ChecklistDeadlinePassed, ChecklistDeadlineUnknown, StatusPrompt, StatusNotFound, StatusShown, StatusReason,
        StatusMessages, StatusAddPrompt, StatusAdded, StatusThrottled, TipStatusNew, TipStatusVerified,
        TipStatusBawaslu, TipStatusBkn, TipStatusInspektorat, TipStatusRejected, TipStatusDone, ButtonContinue,
        ButtonCancel, ButtonSkip, ButtonDontKnow, ButtonDone, ButtonSend, ButtonChange,
        ButtonChecklist, ButtonAddInfo, ButtonTryAgain,
        ReportFileTooLarge, ReportFileUnsupported, ReportFileUnreadable,
        BotCommands, SubscribeRegencyPrompt, SubscribeAgencyPrompt, AdminBroadcastPreview, AdminBroadcastQueued, AdminBroadcastStatus, AdminBroadcastCancelled, AdminBroadcastNone, AdminBroadcastScheduleUsage, AdminBroadcastScheduledFor, AdminBroadcastScheduled, AdminBroadcastMissed, ButtonSchedule, BroadcastStateScheduled, BroadcastStateMissed, AdminBroadcastUsage, AdminBroadcastImageUnusable, AdminBroadcastNoRecipients, AdminBroadcastPickRegency, AdminBroadcastPickAgency, AdminBroadcastEveryone, AdminBroadcastRegencyButton, AdminBroadcastAgencyButton, AdminBroadcastProgress, AdminBroadcastReport, AdminBroadcastReasons, BroadcastStateSending, BroadcastStateDone, BroadcastStateCancelled, BroadcastReasonBlocked, BroadcastReasonUnsubscribed, BroadcastReasonOutsideWindow, FileNotOnWhatsApp, Subscribed, Unsubscribed, BroadcastFooter, AdminHelp, AdminNoTip, AdminNoTips, AdminStatusSet, AdminMessageSent, AdminUsage, AdminExported,
        AdminReminderListTitle, AdminReminderFileItem, AdminReminderItem, AdminReminderNone, AdminReminderNever, AdminReminderUsage, AdminReminderBadCron, AdminReminderPreview, AdminReminderSaved, AdminReminderDeleted, AdminReminderUnknown, ReminderScheduleDaily, ReminderScheduleWeekly, ReminderScheduleMonthly, ReminderScheduleYearly, ReminderScheduleCron, ButtonSave,
        // tip notifications and tip buttons (issue 11)
        AdminTipsArrived, AdminTipArrivedItem, AdminNotificationsOn, AdminNotificationsOff, AdminTipMessageHint, ButtonOpenTip, ButtonMuteTips, ButtonTipFiles, ButtonWriteTipster,
        NotCovered, NotCoveredAsker, NotCoveredElectionFacts, VerdictContested, SafeTidakBoleh, SafeBersyarat, CertaintySedangShort, CertaintyRendahShort, ButtonMore, AlternativesPrompt, SanctionLevels,
        // report form (issue 11)
        ReportWhenConfirm, ReportWhenDayNames, ButtonDontRememberDate, ButtonBackToReview,
        // statistics (issue 11)
        StatsTitle, StatsQuestionsPerDay, StatsTopics, StatsRules, StatsTipCategories, StatsTipStatuses, StatsTipRegencies, StatsRegencyOther, StatsDelivery, StatsDeliverySent, StatsDeliveryFailed, StatsDeliverySkipped, StatsDeliveryWaiting, StatsSubscribers, StatsSubscribersActive, StatsSubscribersNew, StatsNoData, StatsSummary, StatsUnansweredTitle, StatsUnansweredItem, StatsUnansweredNone, StatsDigestTitle, StatsUsage,
        // admin and subscribing (issue 11)
        SubscribePicked, SubscribeNoMatch, AdminStatusUnknown, AdminStatusMissing, AdminNoFiles,
    ];
}
