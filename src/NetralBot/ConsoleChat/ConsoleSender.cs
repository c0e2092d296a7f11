using Microsoft.Extensions.Options;
using NetralBot.Channels;
using NetralBot.Core.Conversations;

namespace NetralBot.ConsoleChat;

/// <summary>
/// Writes to the terminal what a person on a messenger would receive: answers, and broadcasts and progress reports
/// sent while the chat runs. Files (an admin's export) go to the export folder, outside the working folder (a
/// repository would not ignore them), owner-only (the process umask).
/// </summary>
public sealed class ConsoleSender(ConsoleIO io, IOptions<Hosting.TipsOptions> tips) : IMessageSender
{
    private readonly SemaphoreSlim _output = new(1, 1);
    private int _messages;

    public string Channel => ConsoleChannel.ChannelName;

    public async Task<SendOutcome> SendAsync(string chatId, Reply reply, Traffic traffic, CancellationToken cancellationToken)
    {
        await _output.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var id = Interlocked.Increment(ref _messages).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var text = ConsoleRenderer.Render(reply);
            // Something the bot starts itself (a broadcast) is marked, so it is not mistaken for an answer.
            await io.Output.WriteLineAsync(traffic == Traffic.Bulk ? "📢 " + text : text).ConfigureAwait(false);
            if (reply.Image is not null)
            {
                await io.Output.WriteLineAsync("(gambar)").ConfigureAwait(false);
            }
            if (reply.File is { } file)
            {
                var folder = tips.Value.ExportFolderPath;
                Directory.CreateDirectory(folder);
                var path = Path.Combine(folder, Path.GetFileName(file.Name));
                await File.WriteAllBytesAsync(path, file.Content, cancellationToken).ConfigureAwait(false);
                await io.Output.WriteLineAsync($"(file: {path})").ConfigureAwait(false);
            }
            await io.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new SendOutcome(SendStatus.Sent, null, id);
        }
        finally
        {
            _output.Release();
        }
    }

    public Task<SendOutcome> EditAsync(string chatId, string messageId, Reply reply, CancellationToken cancellationToken) =>
        SendAsync(chatId, reply, Traffic.Reply, cancellationToken);
}
