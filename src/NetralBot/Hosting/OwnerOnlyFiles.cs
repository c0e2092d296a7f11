using System.Runtime.InteropServices;

namespace NetralBot.Hosting;

/// <summary>
/// Everything the bot writes is for its owner only: the process's umask is 077 from the first line of the program,
/// so the database (and SQLite's -wal/-shm, which take the database's mode), evidence, exports and folders are
/// created 0600/0700 whatever library creates them.
/// </summary>
public static partial class OwnerOnlyFiles
{
    private const int GroupAndOthers = 0b000_111_111; // 077

    public static void Apply()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return;
        }
        try
        {
            _ = SetUmask(GroupAndOthers);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // The database, key, evidence and lock files are created 0600 explicitly all the same.
        }
    }

    /// <summary>True when group or others may read or write the file (so a key file is refused).</summary>
    public static bool OthersMayRead(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode)GroupAndOthers) != 0;

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code enabled for the whole project
    [DllImport("libc", EntryPoint = "umask")]
    private static extern int SetUmask(int mask);
#pragma warning restore SYSLIB1054
}
