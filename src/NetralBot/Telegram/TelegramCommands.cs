using Microsoft.Extensions.Logging;
using NetralBot.Core.Knowledge;
using NetralBot.Dialogs;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace NetralBot.Telegram;

/// <summary>Sets the bot's command menu from dialogs/ (texts key bot_commands): Indonesian by default, English for English clients.</summary>
public sealed partial class TelegramCommands(ITelegramBotClient bot, DialogsProvider dialogs, ILogger<TelegramCommands> logger)
{
    public async Task SetAsync(CancellationToken cancellationToken)
    {
        foreach (var (language, code) in new[] { (Language.Indonesian, (string?)null), (Language.English, "en") })
        {
            var commands = dialogs.Current.Texts.Get(language, TextKey.BotCommands)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(" - ", 2))
                .Where(p => p.Length == 2)
                .Select(p => new BotCommand { Command = p[0].Trim().TrimStart('/'), Description = p[1].Trim() })
                .ToArray();
            try
            {
                await bot.SetMyCommands(commands, languageCode: code, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCommandsNotSet(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram: the command list could not be set")]
    private partial void LogCommandsNotSet(Exception exception);
}
