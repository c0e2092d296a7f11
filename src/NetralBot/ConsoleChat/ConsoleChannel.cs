using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetralBot.Conversations;
using NetralBot.Core.Conversations;

namespace NetralBot.ConsoleChat;

/// <summary>
/// The terminal as a chat channel: one local user, each line a message, buttons answered by typing their
/// number. Ends the program at end of input or /keluar.
/// </summary>
public sealed class ConsoleChannel(
    ConversationService conversations,
    ConsoleIO io,
    IHostApplicationLifetime lifetime,
    IOptions<Hosting.TipsOptions> tips,
    ILogger<ConsoleChannel> logger) : BackgroundService
{
    public const string ChannelName = "console";
    private const string ChatId = "local";
    private static readonly string[] ExitCommands = ["/keluar", "/exit", "/quit"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await io.Output.WriteLineAsync("NetralBot — ketik pertanyaan Anda (angka untuk memilih, /keluar untuk keluar).").ConfigureAwait(false);
        await SendAsync("/start", stoppingToken, onlyIfNew: true).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            await io.Output.WriteAsync("\n> ").ConfigureAwait(false);
            await io.Output.FlushAsync(stoppingToken).ConfigureAwait(false);
            var line = await io.Input.ReadLineAsync(stoppingToken).ConfigureAwait(false);
            if (line is null || ExitCommands.Contains(line.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                break;
            }
            if (line.Trim().Length > 0)
            {
                await SendAsync(line, stoppingToken, onlyIfNew: false).ConfigureAwait(false);
            }
        }
        await io.Output.WriteLineAsync().ConfigureAwait(false);
        await io.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        lifetime.StopApplication();
    }

    private async Task SendAsync(string text, CancellationToken cancellationToken, bool onlyIfNew)
    {
        var message = new InboundMessage(ChannelName, ChatId, text, SenderId: ChatId);
        if (onlyIfNew && !conversations.IsNew(message))
        {
            await io.Output.WriteLineAsync("(Percakapan dilanjutkan. Ketik /menu untuk menu.)").ConfigureAwait(false);
            return;
        }
        try
        {
            var outcome = await conversations.HandleAsync(message, cancellationToken).ConfigureAwait(false);
            await io.Output.WriteLineAsync(ConsoleRenderer.Render(outcome.Replies)).ConfigureAwait(false);
            foreach (var file in outcome.Replies.Select(r => r.File).OfType<ReplyFile>())
            {
                // The terminal user is the operator of this machine: files (an admin export) go to the export folder,
                // outside the working folder (a repository would not ignore them), owner-only (the process umask).
                var folder = tips.Value.ExportFolderPath;
                Directory.CreateDirectory(folder);
                var path = Path.Combine(folder, Path.GetFileName(file.Name));
                await File.WriteAllBytesAsync(path, file.Content, cancellationToken).ConfigureAwait(false);
                await io.Output.WriteLineAsync($"(file: {path})").ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Handling a console message failed");
            await io.Output.WriteLineAsync("Maaf, terjadi gangguan. Silakan coba lagi.").ConfigureAwait(false);
        }
    }
}
