using System.Globalization;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Tips;

namespace NetralBot.Core.Dialogs.Report;

/// <summary>
/// The "when" answer. A day that can be read is taken ("senin kemarin"); a period ("minggu lalu") or unreadable text
/// is kept as typed and the date is asked once, with buttons for today and the seven days before (every date whose
/// 7-day filing limit has not passed) and "Tidak ingat tanggalnya".
/// </summary>
public sealed partial class ReportDialog
{
    /// <summary>Date buttons besides today: a week back, the dates a formal report can still be filed for.</summary>
    public const int DateChoiceDays = 7;

    private const string DatePrefix = "td:";

    private void WhenInput(string text)
    {
        var date = WhenParser.Parse(text, _inputs.Today);
        _draft = _draft! with { WhenText = text, WhenDate = date };
        _machine.Fire(date is null ? Trigger.AskDate : Trigger.Answer);
    }

    private void WhenConfirmInput(string text, string? payload)
    {
        if (payload is not null && payload.StartsWith(DatePrefix, StringComparison.Ordinal)
            && DateOnly.TryParseExact(payload[DatePrefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var picked)
            && picked <= _inputs.Today)
        {
            _draft = _draft! with { WhenDate = picked };
            _machine.Fire(Trigger.Answer);
            return;
        }
        if (payload == Payloads.Skip || IsDontRemember(text))
        {
            _draft = _draft! with { WhenDate = null };
            _machine.Fire(Trigger.Answer);
            return;
        }
        if (text.Length == 0 || text.Length > MaxTextLength)
        {
            ShowDateChoice();
            return;
        }
        // Asked once: a typed date is taken; anything else is kept beside the first answer and the report goes on.
        var date = WhenParser.Parse(text, _inputs.Today);
        var whenText = date is null && _draft!.WhenText is { } first && first.Length + text.Length + 2 <= MaxTextLength ? $"{first}; {text}" : _draft!.WhenText;
        _draft = _draft with { WhenText = whenText, WhenDate = date };
        _machine.Fire(Trigger.Answer);
    }

    private void ShowDateChoice()
    {
        var dayNames = Text(TextKey.ReportWhenDayNames).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var buttons = Enumerable.Range(0, DateChoiceDays + 1)
            .Select(back => _inputs.Today.AddDays(-back))
            .Select(d => new Button(DateLabel(d, dayNames), DatePrefix + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Append(SkipButton(TextKey.ButtonDontRememberDate))
            .ToList();
        Say(TextKey.ReportWhenConfirm, buttons);
    }

    /// <summary>"Sen 23/11"; just "23/11" if the day names in the texts are not seven.</summary>
    private static string DateLabel(DateOnly date, string[] dayNames) =>
        (dayNames.Length == 7 ? dayNames[(int)date.DayOfWeek] + " " : "") + date.ToString("dd/MM", CultureInfo.InvariantCulture);

    private static bool IsDontRemember(string text) =>
        text.Trim().TrimEnd('.', '!').ToLowerInvariant() is "tidak ingat" or "gak ingat" or "ga ingat" or "nggak ingat" or "lupa" or "tidak tahu" or "gak tau"
            or "ga tau" or "nggak tau" or "tidak ingat tanggalnya" or "lupa tanggalnya" or "don't remember" or "dont remember" or "don't know";
}
