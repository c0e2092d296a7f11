using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NetralBot.Core.Knowledge.Loading;
using NetralBot.Dialogs;

namespace NetralBot.Tests.Hostile;

/// <summary>Dialogs files that took the running bot down (issue 10): hot reload keeps the last good set.</summary>
public class HostileDialogsTests
{
    private static readonly string DeepFile = "rules: " + new string('[', 50_000) + new string(']', 50_000) + "\n";

    [Fact]
    public async Task Issue10_DeeplyNestedRuleFileDroppedDuringHotReload_KeepsTheLastGoodSetWithFileAndLine()
    {
        using var temp = new CliRunner();
        var folder = temp.CopyDialogs();
        var initial = DialogFolder.Load(folder);
        var logger = new FakeLogger<DialogsProvider>();
        using var provider = new DialogsProvider(folder, initial, logger);
        await provider.StartAsync(CancellationToken.None);

        await File.WriteAllTextAsync(Path.Combine(folder, "rules", "99-hostile.yaml"), DeepFile);
        var logged = await WaitForErrorAsync(logger);

        Assert.Same(initial, provider.Current);
        Assert.Contains("rules/99-hostile.yaml:1: nested more than 64 levels", logged, StringComparison.Ordinal);
        await provider.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Issue10_RuleFileUnreadableDuringHotReload_KeepsTheLastGoodSetNamingTheFile()
    {
        using var temp = new CliRunner();
        var folder = temp.CopyDialogs();
        var initial = DialogFolder.Load(folder);
        var logger = new FakeLogger<DialogsProvider>();
        using var provider = new DialogsProvider(folder, initial, logger);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(folder, "rules", "60-uang-dan-hadiah.yaml"), UnixFileMode.None);
        }

        var reloaded = Unprivileged.Run(provider.Reload);

        Assert.False(reloaded);
        Assert.Same(initial, provider.Current);
        var logged = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level >= LogLevel.Warning).Message;
        Assert.Contains("rules/60-uang-dan-hadiah.yaml: cannot be read", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue10_CheckDialogsOnADeeplyNestedFile_ExitsOneWithFileAndLine()
    {
        using var cli = new CliRunner();
        var folder = cli.CopyDialogs();
        await File.WriteAllTextAsync(Path.Combine(folder, "rules", "99-hostile.yaml"), DeepFile);

        var result = await cli.RunAsync("", "check-dialogs", "--dialogs", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("rules/99-hostile.yaml:1: nested more than 64 levels", result.Stderr, StringComparison.Ordinal);
    }

    private static async Task<string> WaitForErrorAsync(FakeLogger<DialogsProvider> logger)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (logger.Collector.GetSnapshot().FirstOrDefault(r => r.Level >= LogLevel.Warning) is { } record)
            {
                return record.Message + record.Exception;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("no reload error was logged");
    }
}
