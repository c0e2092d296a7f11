namespace NetralBot.Hosting;

/// <summary>
/// One bot per SQLite file: a second instance would reset the first one's claimed broadcast rows and send them
/// again. The lock is an exclusive lock on a file beside the database, held while the process lives and released
/// by the system when it ends, also after kill -9.
/// </summary>
public sealed class InstanceLock : IDisposable
{
    private readonly FileStream _file;

    private InstanceLock(FileStream file) => _file = file;

    public static InstanceLock Acquire(string databaseFile)
    {
        var path = databaseFile + ".lock";
        if (Path.GetDirectoryName(path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            return new InstanceLock(new FileStream(path, options));
        }
        catch (IOException ex)
        {
            throw new StartupRefusedException(
                $"Another NetralBot is already running on {databaseFile} (it holds {path}); stop it first. Several workers need the PostgreSQL store.", ex);
        }
    }

    public void Dispose() => _file.Dispose();
}
