using Microsoft.Extensions.Options;
using NetralBot.Core.Conversations;
using NetralBot.Core.Knowledge;
using NetralBot.Dialogs;
using NetralBot.Hosting;

namespace NetralBot.Admin;

/// <summary>
/// Routes the admins' chat commands and buttons: tips (<see cref="TipCommands"/>), broadcasts
/// (<see cref="BroadcastCommands"/>), scheduled reminders (<see cref="ReminderCommands"/>) and statistics (<see cref="StatisticsCommands"/>). Only configured admins,
/// in a private chat, reach them; for anyone else they do not exist (the dialog answers them like any unknown command
/// or stale button).
/// </summary>
public sealed class AdminCommands(TipCommands tips, BroadcastCommands broadcasts, ReminderCommands reminders, StatisticsCommands statistics, DialogsProvider dialogs, IOptionsMonitor<AdminOptions> admins)
{
    /// <summary>
    /// True when the message may be for the admins: a command or an admin button, from a configured admin in a
    /// private chat. Cheap (no store access), so everyone else's messages go straight to the dialog.
    /// </summary>
    public bool MightHandle(InboundMessage message) =>
        (message.Text?.TrimStart().StartsWith('/') == true || message.Payload?.StartsWith(AdminRequest.ButtonPrefix, StringComparison.Ordinal) == true)
        && IsAdmin(message);

    /// <summary>True when a configured admin wrote this in a private chat.</summary>
    public bool IsAdmin(InboundMessage message) => !message.IsGroupChat && admins.CurrentValue.IsAdmin(message.Channel, message.SenderId);

    /// <summary>The replies when this is an admin command or button from an admin; null otherwise.</summary>
    public IReadOnlyList<Reply>? TryHandle(InboundMessage message, Language language)
    {
        if (!MightHandle(message))
        {
            return null;
        }
        var admin = message.Channel + ":" + message.SenderId;
        if (message.Payload is { } payload && payload.StartsWith(AdminRequest.ButtonPrefix, StringComparison.Ordinal))
        {
            var button = payload[AdminRequest.ButtonPrefix.Length..];
            var request = new AdminRequest(admin, "", "", message, dialogs.Current, language);
            return BroadcastCommands.OwnsButton(button) ? broadcasts.Press(request, button)
                : ReminderCommands.OwnsButton(button) ? reminders.Press(request, button)
                : TipCommands.OwnsButton(button) ? tips.Press(request, button)
                : [new Reply(request.Say(TextKey.StaleButton))];
        }
        var text = message.Text?.Trim();
        if (string.IsNullOrEmpty(text) || !text.StartsWith('/'))
        {
            return null;
        }
        // The command ends at the first space or line break ("/siaran\nteks…" is fine too).
        var end = text.AsSpan().IndexOfAny(' ', '\n', '\t');
        var command = (end < 0 ? text : text[..end]).ToLowerInvariant();
        var r = new AdminRequest(admin, command, end < 0 ? "" : text[end..].Trim(), message, dialogs.Current, language);
        if (command == "/admin")
        {
            return [new Reply(r.Say(TextKey.AdminHelp))];
        }
        if (command == "/notifikasi")
        {
            return tips.Notifications(r);
        }
        if (command == StatisticsCommands.Command)
        {
            return statistics.Handle(r);
        }
        if (TipCommands.Commands.Contains(command))
        {
            return tips.Handle(r);
        }
        if (ReminderCommands.Commands.Contains(command))
        {
            return reminders.Handle(r);
        }
        return BroadcastCommands.Commands.Contains(command) ? broadcasts.Handle(r) : null;
    }
}
