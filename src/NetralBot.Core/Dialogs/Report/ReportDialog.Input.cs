using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Tips;

namespace NetralBot.Core.Dialogs.Report;

/// <summary>The report dialog's handling of what the person sends at each step.</summary>
public sealed partial class ReportDialog
{
    private void Handle(InboundMessage input, string? payload)
    {
        var text = input.Text?.Trim() ?? "";
        if (payload == Payloads.Continue && _state == State.ReportNotice)
        {
            _machine.Fire(Trigger.Continue);
            return;
        }
        switch (_state)
        {
            case State.ReportNotice:
                Prompt(State.ReportNotice);
                return;
            case State.ReportReview:
                ReviewInput(payload);
                return;
            case State.ReportChooseField:
                if (payload is not null && payload.StartsWith(FieldPrefix, StringComparison.Ordinal) && Enum.TryParse<State>(payload[FieldPrefix.Length..], out var field) && Fields.Contains(field))
                {
                    _editing = true;
                    _machine.Fire(_pickField, field);
                }
                else
                {
                    _machine.Fire(Trigger.Review);
                }
                return;
            case State.ReportEvidence:
                EvidenceInput(input, text, payload);
                return;
            case State.ReportWhenConfirm:
                WhenConfirmInput(text, payload);
                return;
            case State.ReportCategory:
                if (payload is not null && payload.StartsWith(CategoryPrefix, StringComparison.Ordinal) && Enum.TryParse<TipCategory>(payload[CategoryPrefix.Length..], out var category))
                {
                    _draft = _draft! with { Category = category };
                    _machine.Fire(Trigger.Answer);
                }
                else
                {
                    Say(TextKey.ReportPickCategory, []);
                    Prompt(State.ReportCategory);
                }
                return;
            default:
                TextFieldInput(text, payload, input.HasAttachment);
                return;
        }
    }

    private void TextFieldInput(string text, string? payload, bool hasAttachment)
    {
        var skipped = payload == Payloads.Skip;
        if (!skipped && text.Length == 0)
        {
            Say(hasAttachment ? TextKey.ReportTextPlease : TextKey.EmptyMessage, []);
            Prompt(_state);
            return;
        }
        if (text.Length > MaxTextLength)
        {
            Say(TextKey.ReportTooLong, [], ("max", MaxTextLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Prompt(_state);
            return;
        }
        var value = skipped ? null : text;
        switch (_state)
        {
            case State.ReportWho:
                _draft = _draft! with { Who = value };
                break;
            case State.ReportAgency:
                _draft = _draft! with { Agency = value };
                break;
            case State.ReportRegency:
                _draft = _draft! with { Regency = value };
                break;
            case State.ReportPlace:
                _draft = _draft! with { Place = value };
                break;
            case State.ReportWhen:
                if (value is null)
                {
                    Prompt(_state);
                    return;
                }
                WhenInput(value);
                return;
            case State.ReportWhat or State.ReportWhatMore or State.ReportWhatMoreEditing:
                if (value is null)
                {
                    Prompt(_state);
                    return;
                }
                StoryInput(value);
                return;
        }
        _machine.Fire(Trigger.Answer);
    }

    /// <summary>
    /// A story under the minimum is kept, shown back in one line, and the next message is added to it: nobody has to
    /// type it all again. Asked afresh (or changed from the summary), the story is replaced.
    /// </summary>
    private void StoryInput(string text)
    {
        var story = _state == State.ReportWhat ? text : $"{_draft!.What} {text}";
        if (story.Length > MaxTextLength)
        {
            Say(TextKey.ReportTooLong, [], ("max", MaxTextLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Prompt(_state);
            return;
        }
        _draft = _draft! with { What = story };
        _machine.Fire(story.Length < MinWhatLength ? Trigger.TooShort : Trigger.Answer);
    }

    private void ShowStorySoFar() =>
        Say(TextKey.ReportWhatShort, [],
            ("kept", string.Join(' ', (_draft?.What ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))),
            ("min", MinWhatLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private void EvidenceInput(InboundMessage input, string text, string? payload)
    {
        if (payload is Payloads.Done or Payloads.Skip || IsDoneWord(text))
        {
            _machine.Fire(Trigger.Answer);
            return;
        }
        if (input.Attachment is { } attachment)
        {
            AddFile(attachment);
            return;
        }
        if (input.HasAttachment)
        {
            Say(TextKey.ReportFilesNotYet, EvidenceButtons());
            return;
        }
        var links = UrlPattern().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ')')).Distinct(StringComparer.Ordinal).ToList();
        if (links.Count == 0)
        {
            Say(TextKey.ReportEvidenceHint, EvidenceButtons());
            return;
        }
        var evidence = _draft!.Evidence.Concat(links.Select(Evidence.FromLink)).Take(MaxEvidence).ToList();
        _draft = _draft with { Evidence = evidence };
        Say(TextKey.ReportEvidenceAdded, EvidenceButtons(), ("count", evidence.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private void AddFile(Attachment attachment)
    {
        if (_draft!.Evidence.Count >= MaxEvidence)
        {
            Say(TextKey.ReportEvidenceAdded, EvidenceButtons(), ("count", _draft.Evidence.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return;
        }
        switch (EvidencePolicy.Check(attachment))
        {
            case EvidencePolicy.Verdict.Accepted:
                var fileId = EvidencePolicy.NewFileId(_inputs.RandomBytes);
                // The person's own file name may name them ("IMG_budi.jpg"): keep a neutral one.
                var name = $"{(EvidencePolicy.IsDocument(attachment) ? "dokumen" : "foto")}-{_draft.Evidence.Count(e => e.IsFile) + 1}";
                _draft = _draft with { Evidence = [.. _draft.Evidence, new Evidence(null, fileId, name, EvidencePolicy.MimeTypeOf(attachment), attachment.Content.Length)] };
                _effects.Add(new StoreEvidenceFile(fileId, attachment));
                Say(TextKey.ReportEvidenceAdded, EvidenceButtons(), ("count", _draft.Evidence.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                break;
            case EvidencePolicy.Verdict.TooLarge:
                Say(TextKey.ReportFileTooLarge, EvidenceButtons(), ("max", (EvidencePolicy.MaxBytes / 1024 / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                break;
            default:
                Say(TextKey.ReportFileUnsupported, EvidenceButtons());
                break;
        }
    }

    private void ReviewInput(string? payload)
    {
        switch (payload)
        {
            case Payloads.Send:
                _machine.Fire(Trigger.Send);
                break;
            case Payloads.Change:
                _machine.Fire(Trigger.ChangeField);
                break;
            default:
                ShowReview();
                break;
        }
    }

    private void SendTip()
    {
        var code = ReceiptCode.From(_inputs.RandomBytes(ReceiptCode.RandomBytes));
        _effects.Add(new SubmitTip(_draft!, code));
        var buttons = new List<Button>
        {
            new(Text(TextKey.ButtonChecklist), Payloads.Checklist(_draft!.WhenDate)),
            new(Text(TextKey.ButtonMenu), Payloads.Menu),
        };
        Say(TextKey.ReportSent, buttons, ("code", code));
        _draft = null;
    }
}
