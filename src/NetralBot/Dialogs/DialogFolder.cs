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

    /// <summary>
    /// Reads every YAML file of the folder. A file or folder that cannot be read (permissions, removed while
    /// reading, a directory named *.yaml) becomes a "file: reason" problem like any invalid content, so hot
    /// reload keeps the last good set and start-up names the file, instead of an exception taking the bot down.
    /// </summary>
    public static IReadOnlyList<DialogFile> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DialogLoadException([new DialogError(folder, 0, "the dialogs folder does not exist (use --dialogs DIR)")]);
        }
        var errors = new List<DialogError>();
        var files = new List<DialogFile>();
        List<string> paths;
        try
        {
            paths = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
                .Where(p => p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DialogLoadException([new DialogError(folder, 0, $"the folder cannot be read: {ex.Message}")]);
        }
        foreach (var path in paths)
        {
            var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
            try
            {
                files.Add(new DialogFile(relative, File.ReadAllText(path)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add(new DialogError(relative, 0, $"cannot be read: {ex.Message}"));
            }
        }
        return errors.Count > 0 ? throw new DialogLoadException(errors) : files;
    }

    public static Core.Knowledge.DialogContent Load(string folder) => DialogLoader.Load(Read(folder));
}
