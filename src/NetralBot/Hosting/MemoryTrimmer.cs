using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using NetralBot.Storage;

namespace NetralBot.Hosting;

/// <summary>
/// Gives memory back to the system when the bot goes quiet. The garbage collector runs only when something allocates,
/// so without this a quiet bot keeps the heap of its last busy spell (start-up's loading, or 10,000 chats at once) for
/// as long as nobody writes. Every few seconds it looks at how much was allocated: the first quiet period after a busy
/// spell gets one full, compacting collection that returns what is free to the system, closes the database
/// connections the pool keeps idle (their page caches), and returns the C heap's free pages (SQLite's and the
/// runtime's native memory) to the system.
/// </summary>
public sealed class MemoryTrimmer(Database database, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    /// <summary>A period that allocates less than this is quiet (a message allocates about 100 KB; polling a little).</summary>
    private const long QuietBytes = 2 << 20;

    /// <summary>Allocated since the last collection before a quiet period is worth one (a collection costs tens of ms).</summary>
    private const long BusyBytes = 32 << 20;

    private static bool _nativeTrimMissing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        var allocated = GC.GetTotalAllocatedBytes();
        var sinceTrim = allocated; // start-up's loading counts as a busy spell
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = GC.GetTotalAllocatedBytes();
            var inPeriod = now - allocated;
            allocated = now;
            sinceTrim += inPeriod;
            if (inPeriod < QuietBytes && sinceTrim >= BusyBytes)
            {
                database.ReleaseIdleConnections();
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                TrimNativeHeap();
                sinceTrim = 0;
            }
        }
    }

    /// <summary>
    /// glibc's malloc keeps freed memory in its arenas (one per thread that allocated, up to 8 per core) instead of
    /// returning it; malloc_trim gives every free page back. Other C libraries (musl) have no such call: nothing to do.
    /// </summary>
    private static void TrimNativeHeap()
    {
        if (!OperatingSystem.IsLinux() || _nativeTrimMissing)
        {
            return;
        }
        try
        {
            MallocTrim(0);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            _nativeTrimMissing = true;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
