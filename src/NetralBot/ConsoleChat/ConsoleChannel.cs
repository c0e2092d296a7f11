using Microsoft.Extensions.Hosting;
using NetralBot.Conversations;
using NetralBot.Core.Conversations;

namespace NetralBot.ConsoleChat;

/// <summary>
/// The terminal as a chat channel: one local user, each line a message through the same
/// <see cref="InboundPipeline"/> as every channel, buttons answered by typing their number. Ends the program at end
/// of input or /keluar.
/// </summary>
public sealed class ConsoleChannel(
    InboundPipeline pipeline,
    ConversationService conversations,
    ConsoleIO io,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    public const string ChannelName = "console";
    private const string ChatId = "local";
    private static readonly string[] ExitCommands = ["/keluar", "/exit", "/quit"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await io.Output.WriteLineAsync("NetralBot — ketik pertanyaan Anda (angka untuk memilih, /keluar untuk keluar).").ConfigureAwait(false);
        if (io.LogFile is { } logFile)
        {
            await io.Output.WriteLineAsync($"(Catatan sistem ditulis ke {logFile})").ConfigureAwait(false);
        }
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
        await pipeline.HandleAsync(new ChannelMessage(message), cancellationToken).ConfigureAwait(false);
    }
}
