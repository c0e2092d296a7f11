using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Understanding;

namespace NetralBot.Core.Dialogs.Guidance;

/// <summary>The guidance dialog's handling of typed questions, commands and button presses.</summary>
public sealed partial class GuidanceDialog
{
    private Understanding.Understanding? Handle(InboundMessage input)
    {
        if (input.Payload is { } payload)
        {
            HandlePayload(payload.Trim());
            return null;
        }
        var text = input.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            Say(input.HasAttachment ? TextKey.NonTextMessage : TextKey.EmptyMessage, MenuButton());
            return null;
        }
        if (text.StartsWith('/'))
        {
            HandleCommand(text);
            return null;
        }
        return HandleQuestion(text);
    }

    private Understanding.Understanding HandleQuestion(string text)
    {
        var understood = _preUnderstood is { } pre && pre.By == _content.Understander && pre.Text == text
            ? pre.Result
            : _content.Understander.Understand(text);
        if (understood.Status != AskerStatus.Unknown)
        {
            _status = understood.Status;
        }
        if (understood.Written is { } written)
        {
            // A question written in English is answered in English (and one in Indonesian in Indonesian).
            _language = written;
        }
        switch (understood.Intent)
        {
            case Intent.Guidance:
                _alternatives = understood.Offered;
                _machine.Fire(_answer, understood.Rule!);
                break;
            case Intent.Clarify:
                _machine.Fire(_clarify, understood.Choices);
                break;
            case Intent.Report:
                _machine.Fire(Trigger.Report);
                break;
            case Intent.Greeting:
                _machine.Fire(Trigger.Greet);
                break;
            case Intent.Menu:
                _machine.Fire(Trigger.ShowMenu);
                break;
            case Intent.Help:
                _machine.Fire(Trigger.ShowHelp);
                break;
            case Intent.Thanks:
                _machine.Fire(Trigger.Thank);
                break;
            case Intent.OutOfScope:
                _machine.Fire(Trigger.OutOfScope);
                break;
            case Intent.NotCovered:
                _machine.Fire(_notCovered, understood.NotCovered ?? NotCoveredReason.OtherElection);
                break;
            default:
                _machine.Fire(Trigger.NotUnderstood);
                break;
        }
        if (understood.Intent is not (Intent.Greeting or Intent.Menu or Intent.Help or Intent.Thanks))
        {
            // Reports may name people: their text is never kept.
            var kept = understood.Intent == Intent.Report ? null : text;
            _effects.Add(new LogQuestion(kept, understood.Intent, understood.Rule?.Id ?? understood.Match.Best?.Rule.Id, understood.Match.Confidence));
        }
        return understood;
    }

    private void HandleCommand(string text)
    {
        var (command, argument) = CommandText.Parse(text);
        switch (command)
        {
            case "/start":
                _machine.Fire(Trigger.Start);
                break;
            case "/menu":
                _machine.Fire(Trigger.ShowMenu);
                break;
            case "/help" or "/bantuan":
                _machine.Fire(Trigger.ShowHelp);
                break;
            case "/batal" or "/cancel":
                _machine.Fire(Trigger.Cancel);
                break;
            case "/tanya" or "/ask":
                _machine.Fire(Trigger.PromptQuestion);
                break;
            case "/bahasa" or "/language":
                if (LanguageCodes.Parse(argument) is { } language)
                {
                    _machine.Fire(_setLanguage, language);
                }
                else
                {
                    _machine.Fire(Trigger.ChooseLanguage);
                }
                break;
            default:
                Say(TextKey.UnknownCommand, MenuButton());
                break;
        }
    }

    private void HandlePayload(string payload)
    {
        // A rule's answer ("r:") or the text behind its "Selengkapnya" ("m:"); a rule since removed is a stale button.
        var (ruleId, trigger) = Payloads.RuleId(payload) is { } answerId ? (answerId, _answer)
            : Payloads.MoreRuleId(payload) is { } moreId ? (moreId, _more)
            : (null, null);
        if (ruleId is not null)
        {
            if (_content.Rules.TryGetValue(ruleId, out var rule))
            {
                _machine.Fire(trigger!, rule);
            }
            else
            {
                Say(TextKey.StaleButton, MenuButtons());
            }
            return;
        }
        if (Payloads.CategoryId(payload) is { } categoryId)
        {
            if (_content.Categories.FirstOrDefault(c => c.Id == categoryId) is { } category)
            {
                _machine.Fire(_openCategory, category);
            }
            else
            {
                Say(TextKey.StaleButton, MenuButtons());
            }
            return;
        }
        if (Payloads.LanguageCode(payload) is { } code && LanguageCodes.Parse(code) is { } language)
        {
            _machine.Fire(_setLanguage, language);
            return;
        }
        var simple = payload switch
        {
            Payloads.Menu => Trigger.ShowMenu,
            Payloads.Ask => Trigger.PromptQuestion,
            Payloads.NoneOfThese => Trigger.DeclineChoices,
            Payloads.Language => Trigger.ChooseLanguage,
            _ => (Trigger?)null,
        };
        if (simple is { } known)
        {
            _machine.Fire(known);
        }
        else
        {
            Say(TextKey.StaleButton, MenuButtons());
        }
    }
}
