using NetralBot.Core.Knowledge.Loading;

namespace NetralBot.Dialogs;

/// <summary>Finds the dialogs folder and reads its YAML files for the loader.</summary>
public static class DialogFolder
{
    /// <summary>
    /// The folder given with --dialogs, else the repository's dialogs/ found from the working folder upwards,
    /// else the copy next to the program.
    /// </summary>
    public static string Resolve(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return Path.GetFullPath(given);
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "dialogs");
            if (File.Exists(Path.Combine(candidate, DialogLoader.MetaFile)))
            {
                return candidate;
            }
        }
        return Path.Combine(AppContext.BaseDirectory, "dialogs");
    }

    public static IReadOnlyList<DialogFile> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DialogLoadException([new DialogError(folder, 0, "the dialogs folder does not exist (use --dialogs DIR)")]);
        }
        return Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(p => new DialogFile(Path.GetRelativePath(folder, p).Replace('\\', '/'), File.ReadAllText(p)))
            .ToList();
    }

    public static Core.Knowledge.DialogContent Load(string folder) => DialogLoader.Load(Read(folder));
}
