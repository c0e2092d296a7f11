using Microsoft.Extensions.Hosting;

namespace NetralBot.Hosting;

/// <summary>
/// Gives memory back to the system when the bot goes quiet. The garbage collector runs only when something allocates,
/// so without this a quiet bot keeps the heap of its last busy spell (start-up's loading, or 10,000 chats at once) for
/// as long as nobody writes. Every few seconds it looks at how much was allocated: the first quiet period after a busy
/// spell gets one full, compacting collection that returns what is free to the system.
/// </summary>
public sealed class MemoryTrimmer(TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    /// <summary>A period that allocates less than this is quiet (a message allocates about 100 KB; polling a little).</summary>
    private const long QuietBytes = 2 << 20;

    /// <summary>Allocated since the last collection before a quiet period is worth one (a collection costs tens of ms).</summary>
    private const long BusyBytes = 32 << 20;

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
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                sinceTrim = 0;
            }
        }
    }
}
