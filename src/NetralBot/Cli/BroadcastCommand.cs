using System.CommandLine;
using System.Text;
using Microsoft.Extensions.Configuration;
using NetralBot.Admin;
using NetralBot.Broadcasting;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Reminders;
using NetralBot.Core.Tips;
using NetralBot.Dialogs;
using NetralBot.Hosting;
using NetralBot.Tips;
using NetralBot.Storage;

namespace NetralBot.Cli;

/// <summary>
/// `netralbot broadcast send --text-file F [--segment regency=NAME] [--segment agency=NAME] [--image FILE]` queues a
/// broadcast to every active subscriber or a segment (the running bot sends it);
/// `broadcast status ID` shows sent / failed / pending; `broadcast cancel ID` stops one in progress.
/// </summary>
public static class BroadcastCommand
{
    public static Command Create()
    {
        var textFile = new Option<FileInfo>("--text-file") { Description = "UTF-8 text file with the message", Required = true };
        var segment = new Option<string[]>("--segment")
        {
            Description = "Only part of the subscribers: regency=NAME (kabupaten/kota) and/or agency=NAME (instansi), names as in dialogs/segments.yaml; repeat for both",
            AllowMultipleArgumentsPerToken = false,
        };
        var image = new Option<FileInfo?>("--image") { Description = "A picture (JPG/PNG/WebP, up to 10 MB) sent with the text; its metadata is removed" };
        var at = new Option<string?>("--at") { Description = "Send it later: \"2026-12-01 07:00\", \"besok 07:00 WITA\" (zone WIB/WITA/WIT, WIB by default)" };
        var send = new Command("send", "Queue a broadcast to every active subscriber (or a segment); the running bot sends it") { textFile, segment, image, at };
        send.SetAction(parse =>
        {
            var file = parse.GetValue(textFile)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"The file {file.FullName} does not exist.");
                return 2;
            }
            var text = File.ReadAllText(file.FullName, Encoding.UTF8).Trim();
            if (text.Length is 0 or > BroadcastCommands.MaxLength)
            {
                Console.Error.WriteLine($"The message must have 1 to {BroadcastCommands.MaxLength} characters; it has {text.Length}.");
                return 2;
            }
            var content = DialogFolder.Load(DialogFolder.Resolve(parse.GetValue(CommonOptions.Dialogs)));
            if (!TryReadSegment(parse.GetValue(segment) ?? [], content, out var regency, out var agency, out var problem))
            {
                Console.Error.WriteLine(problem);
                return 2;
            }
            byte[]? picture = null;
            if (parse.GetValue(image) is { } imageFile)
            {
                if (!TryReadImage(imageFile, out picture, out problem))
                {
                    Console.Error.WriteLine(problem);
                    return 2;
                }
            }
            var now = DateTimeOffset.UtcNow;
            DateTimeOffset? sendAt = null;
            TimeZoneInfo? zone = null;
            if (parse.GetValue(at) is { } when)
            {
                if (!SendTime.TryParse(when, now, out var parsed, out zone, out var rest) || rest.Length > 0 || parsed <= now || parsed > now.AddDays(366))
                {
                    Console.Error.WriteLine($"--at '{when}': give a later time within a year, e.g. \"2026-12-01 07:00\" or \"besok 07:00 WITA\".");
                    return 2;
                }
                sendAt = parsed;
            }
            var database = Database();
            var active = new Subscriptions(database, TimeProvider.System).ActiveCount(regency, agency);
            if (active == 0 && sendAt is null)
            {
                Console.Error.WriteLine("No active subscriber in that segment; nothing was queued.");
                return 1;
            }
            var (id, recipients) = new Broadcasts(database, TimeProvider.System).Create(text, "cli", regency: regency, agency: agency, image: picture, sendAt: sendAt, sendZone: zone?.Id);
            if (sendAt is { } scheduled)
            {
                Console.Out.WriteLine($"Broadcast {id} scheduled for {ScheduleWords.Occurrence(scheduled, zone!, Language.English)}; {active} active subscriber(s) in that segment now, counted again when it starts. The running bot (netralbot run) sends it; cancel with: netralbot broadcast cancel {id}");
                return 0;
            }
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
            var when = p.SendAt is { } due ? " (" + BroadcastStateNames.When(due, p.SendZone, Language.English) + ")" : "";
            Console.Out.WriteLine($"Broadcast {p.Id}: {p.State}{when}; {p.Sent} sent, {p.Failed} failed, {p.Pending} pending of {p.Total}");
            return 0;
        });

        var cancelId = new Argument<long>("id") { Description = "The broadcast number" };
        var cancel = new Command("cancel", "Stop a broadcast in progress (messages already sent stay sent)") { cancelId };
        cancel.SetAction(parse =>
        {
            var cancelled = new Broadcasts(Database(), TimeProvider.System).CancelBroadcast(parse.GetValue(cancelId));
            Console.Out.WriteLine(cancelled ? "Cancelled." : "Nothing to cancel (no such broadcast, or it is neither scheduled nor sending).");
            return cancelled ? 0 : 1;
        });

        return new Command("broadcast", "Sosialisasi broadcasts to subscribers") { send, status, cancel };
    }

    /// <summary>Reads "regency=NAME" / "agency=NAME" (also kabupaten/kota/instansi=), names checked against segments.yaml.</summary>
    private static bool TryReadSegment(string[] values, DialogContent content, out string? regency, out string? agency, out string problem)
    {
        regency = agency = null;
        problem = "";
        foreach (var value in values)
        {
            var parts = value.Split('=', 2, StringSplitOptions.TrimEntries);
            var (names, isRegency) = parts[0].ToLowerInvariant() switch
            {
                "regency" or "kabupaten" or "kota" => (content.Regencies, true),
                "agency" or "instansi" => (content.Agencies, false),
                _ => ((IReadOnlyList<string>?)null, false),
            };
            if (names is null || parts.Length < 2)
            {
                problem = $"--segment '{value}': write regency=NAME or agency=NAME.";
                return false;
            }
            var name = names.FirstOrDefault(n => string.Equals(n, parts[1], StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                problem = $"--segment '{value}': '{parts[1]}' is not in dialogs/segments.yaml. Choose one of: {string.Join(", ", names)}.";
                return false;
            }
            if (isRegency)
            {
                regency = name;
            }
            else
            {
                agency = name;
            }
        }
        return true;
    }

    private static bool TryReadImage(FileInfo file, out byte[]? image, out string problem)
    {
        image = null;
        problem = "";
        if (!file.Exists || file.Length > EvidencePolicy.MaxBytes)
        {
            problem = file.Exists ? $"The picture {file.FullName} is larger than 10 MB." : $"The file {file.FullName} does not exist.";
            return false;
        }
        try
        {
            image = PhotoSanitizer.Clean(File.ReadAllBytes(file.FullName));
            return true;
        }
        catch (UnreadableEvidenceException)
        {
            problem = $"{file.FullName} is not a picture that can be read (JPG, PNG or WebP).";
            return false;
        }
    }

    private static Database Database()
    {
        var storage = BotHost.CreateBuilder().Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var database = storage.CreateDatabase();
        database.Initialize(TimeProvider.System);
        return database;
    }
}
