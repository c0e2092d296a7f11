using System.Diagnostics;
using Dapper;
using NetralBot.Storage;
using NetralBot.Tips;

namespace NetralBot.Tests.Hostile;

/// <summary>
/// A 269-byte animated GIF (7000×7000 canvas, ten 1×1 frames) took the bot from 127 MB to 2.35 GB (issue 10).
/// Decoding is bounded by pixels and memory before anything is allocated.
/// </summary>
[Collection(MemoryBoundCollection.Name)]
public class GifBombTests
{
    private const long MaxGrowthBytes = 300L * 1024 * 1024;

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    public async Task Issue10_GifBombAsEvidence_GetsTheUnreadableReply_DraftIntact_MemoryBounded(int frames)
    {
        using var bot = new TestBot();
        await EvidenceTests.ToEvidenceStepAsync(bot);
        var bomb = HostileFiles.GifBomb(7000, frames);
        Assert.True(bomb.Length < 500, bomb.Length + " bytes");

        var (outcome, growth) = await MeasurePeakGrowthAsync(() => EvidenceTests.SendFileAsync(bot, "lucu.gif", "image/gif", bomb));

        Assert.Contains("tidak bisa dibaca", outcome.Replies[0].Text, StringComparison.Ordinal);
        Assert.Equal("ReportEvidence", outcome.State.State);
        Assert.Empty(outcome.State.Private!.Draft!.Evidence);
        Assert.Equal("Kabid X", outcome.State.Private.Draft.Who);
        using var connection = bot.Get<Database>().Open();
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM evidence_files"));
        Assert.True(growth < MaxGrowthBytes, $"working set grew {growth / 1024 / 1024} MB");
    }

    [Fact]
    public async Task Issue10_ManyFramesOnALargeCanvasWithinTheBudget_DecodesOneFrame_MemoryBounded()
    {
        // 6000×6000 is within the pixel budget; 40 full-canvas frames would be 5.8 GB of pixels.
        var gif = HostileFiles.GifBomb(6000, 40);

        var (cleaned, growth) = await MeasurePeakGrowthAsync(() => Task.FromResult(PhotoSanitizer.Clean(gif)));

        Assert.True(cleaned.AsSpan().StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }), "the first frame goes on as a PNG");
        Assert.True(growth < MaxGrowthBytes, $"working set grew {growth / 1024 / 1024} MB");
    }

    /// <summary>Runs the work while sampling the working set; returns how far the peak rose above the start.</summary>
    private static async Task<(T Result, long Growth)> MeasurePeakGrowthAsync<T>(Func<Task<T>> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var start = process.WorkingSet64;
        var peak = start;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(5);
            }
        });
        var result = await work();
        process.Refresh();
        peak = Math.Max(peak, process.WorkingSet64);
        await done.CancelAsync();
        await sampler;
        return (result, peak - start);
    }
}
