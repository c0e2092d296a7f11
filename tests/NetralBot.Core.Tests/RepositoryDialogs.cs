using NetralBot.Core.Knowledge;
using NetralBot.Core.Knowledge.Loading;

namespace NetralBot.Core.Tests;

/// <summary>The repository's real dialogs/ folder, loaded once for all tests.</summary>
public static class RepositoryDialogs
{
    private static readonly Lazy<DialogContent> Loaded = new(() => DialogLoader.Load(ReadFiles()));

    public static DialogContent Content => Loaded.Value;

    public static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NetralBot.sln")))
                {
                    return Path.Combine(dir.FullName, "dialogs");
                }
            }
            throw new InvalidOperationException("The repository root (NetralBot.sln) was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The files as the loader sees them; tests replace one to inject a fault.</summary>
    public static List<DialogFile> ReadFiles() =>
        Directory.EnumerateFiles(Folder, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => new DialogFile(Path.GetRelativePath(Folder, p).Replace('\\', '/'), File.ReadAllText(p)))
            .ToList();
}
