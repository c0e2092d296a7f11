using System.CommandLine;

namespace NetralBot.Cli;

/// <summary>Options every command takes.</summary>
public static class CommonOptions
{
    public static readonly Option<string?> Dialogs = new("--dialogs")
    {
        Description = "The dialogs folder (default: dialogs/ found from the working folder upwards, else the copy next to the program)",
        Recursive = true,
    };
}
