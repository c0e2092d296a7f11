using System.CommandLine;
using System.Text;
using Microsoft.Extensions.Configuration;
using NetralBot.Hosting;
using NetralBot.Storage;

namespace NetralBot.Cli;

/// <summary>
/// `netralbot broadcast send --text-file F` queues a broadcast to every active subscriber (the running bot sends it);
/// `broadcast status ID` shows sent / failed / pending; `broadcast cancel ID` stops one in progress.
/// </summary>
public static class BroadcastCommand
{
    private const int MaxLength = 3500; // room for the footer within one Telegram message

    public static Command Create()
    {
        var textFile = new Option<FileInfo>("--text-file") { Description = "UTF-8 text file with the message", Required = true };
        var regency = new Option<string?>("--regency") { Description = "Only subscribers of this kabupaten/kota (as in dialogs/segments.yaml)" };
        var agency = new Option<string?>("--agency") { Description = "Only subscribers of this agency (as in dialogs/segments.yaml)" };
        var send = new Command("send", "Queue a broadcast to every active subscriber (or a segment); the running bot sends it") { textFile, regency, agency };
        send.SetAction(parse =>
        {
            var file = parse.GetValue(textFile)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"The file {file.FullName} does not exist.");
                return 2;
            }
            var text = File.ReadAllText(file.FullName, Encoding.UTF8).Trim();
            if (text.Length is 0 or > MaxLength)
            {
                Console.Error.WriteLine($"The message must have 1 to {MaxLength} characters; it has {text.Length}.");
                return 2;
            }
            var (id, recipients) = new Broadcasts(Database(), TimeProvider.System).Create(text, "cli", regency: parse.GetValue(regency), agency: parse.GetValue(agency));
            Console.Out.WriteLine($"Broadcast {id} queued for {recipients} subscriber(s). The running bot (netralbot run) sends it; follow it with: netralbot broadcast status {id}");
            return 0;
        });

        var id = new Argument<long>("id") { Description = "The broadcast number" };
        var status = new Command("status", "Show how far a broadcast is") { id };
        status.SetAction(parse =>
        {
            if (new Broadcasts(Database(), TimeProvider.System).GetProgress(parse.GetValue(id)) is not { } p)
            {
                Console.Error.WriteLine($"There is no broadcast {parse.GetValue(id)}.");
                return 1;
            }
            Console.Out.WriteLine($"Broadcast {p.Id}: {p.State}; {p.Sent} sent, {p.Failed} failed, {p.Pending} pending of {p.Total}");
            return 0;
        });

        var cancelId = new Argument<long>("id") { Description = "The broadcast number" };
        var cancel = new Command("cancel", "Stop a broadcast in progress (messages already sent stay sent)") { cancelId };
        cancel.SetAction(parse =>
        {
            var cancelled = new Broadcasts(Database(), TimeProvider.System).CancelBroadcast(parse.GetValue(cancelId));
            Console.Out.WriteLine(cancelled ? "Cancelled." : "Nothing to cancel (no such broadcast, or it is not sending).");
            return cancelled ? 0 : 1;
        });

        return new Command("broadcast", "Sosialisasi broadcasts to subscribers") { send, status, cancel };
    }

    private static SqliteDatabase Database()
    {
        var storage = BotHost.CreateBuilder().Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var database = new SqliteDatabase(storage.ConnectionString);
        database.Initialize(TimeProvider.System);
        return database;
    }
}
