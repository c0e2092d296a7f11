using System.CommandLine;
using Microsoft.Extensions.Configuration;
using NetralBot.Hosting;

namespace NetralBot.Cli;

/// <summary>
/// `netralbot keys create` writes the key file once, for the operator to back up and copy to every worker: with
/// PostgreSQL the workers share one key, and none creates it at start-up.
/// </summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var file = new Option<string?>("--file") { Description = "Where to write the key file (default: Security:KeyFile)" };
        var create = new Command("create", "Write a new key file (owner-only); refuses to overwrite an existing one") { file };
        create.SetAction(parse =>
        {
            var path = parse.GetValue(file)
                ?? (BotHost.ReadConfiguration().GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions()).KeyFile;
            MasterSecret.CreateFile(path);
            Console.Out.WriteLine($"Wrote a new key file: {Path.GetFullPath(path)} (owner-only). Back it up, and copy this same file to every worker (chmod 600); never create one per worker.");
            return 0;
        });
        return new Command("keys", "Manage the key file conversations and tips are protected with") { create };
    }
}
