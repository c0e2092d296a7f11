using System.Runtime.InteropServices;

namespace NetralBot.Tests.Hostile;

/// <summary>
/// Runs a piece of code with the file permissions of an ordinary user, so a chmod 000 file is really
/// unreadable also when the tests run as root (containers, CI). Linux's file-system user id is per thread:
/// the code runs on a thread of its own that takes the id "nobody" and ends afterwards.
/// </summary>
public static class Unprivileged
{
    private const int Nobody = 65534;

    public static T Run<T>(Func<T> action)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return action();
        }
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            _ = SetFileSystemUserId(Nobody);
            try
            {
                result = action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                _ = SetFileSystemUserId(0);
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException("the unprivileged code failed", failure);
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code enabled for the whole test project
    [DllImport("libc", EntryPoint = "setfsuid")]
    private static extern int SetFileSystemUserId(int uid);
#pragma warning restore SYSLIB1054
}
