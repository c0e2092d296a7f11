using System.Runtime.InteropServices;

/// <summary>
/// The CPU time the current thread has used (Linux CLOCK_THREAD_CPUTIME_ID). On a machine shared with other work,
/// wall-clock latencies mostly measure waiting for a core; the thread's own CPU time measures the work.
/// </summary>
public static partial class ThreadCpu
{
    private const int ThreadCpuTimeClock = 3;

    public static double Microseconds()
    {
        clock_gettime(ThreadCpuTimeClock, out var now);
        return now.Seconds * 1e6 + now.Nanoseconds / 1e3;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
