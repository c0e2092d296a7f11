using System.Diagnostics;

namespace NetralBot.Tests.Telegram;

/// <summary>The telegram-test-api emulator as a node process on a free loopback port (installs it on first use).</summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _node;

    private EmulatorProcess(Process node, string apiUrl)
    {
        _node = node;
        ApiUrl = apiUrl;
    }

    public string ApiUrl { get; }

    private static readonly string Folder = Path.Combine(CliRunner.RepositoryDialogs, "..", "tests", "NetralBot.Tests", "Telegram", "emulator");

    // Fixtures start concurrently; npm ci empties node_modules first, so a second install (or a fixture that only
    // saw the folder appear) met a half-installed emulator: MODULE_NOT_FOUND. One install per test run, awaited by all.
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    private static async Task InstallAsync()
    {
        if (File.Exists(Path.Combine(Folder, "node_modules", "telegram-test-api", "package.json")))
        {
            return;
        }
        // .ci/run installs it; this is for a fresh clone running the tests directly.
        using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = Folder })!;
        await npm.WaitForExitAsync();
        Assert.Equal(0, npm.ExitCode);
    }

    public static async Task<EmulatorProcess> StartAsync()
    {
        await Installed.Value;
        var node = Process.Start(new ProcessStartInfo("node", $"server.js {TelegramEmulator.FreePort()}")
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var ready = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready is null || !ready.StartsWith("READY ", StringComparison.Ordinal))
        {
            node.Kill(entireProcessTree: true);
            Assert.Fail($"the emulator did not start: {ready} {await node.StandardError.ReadToEndAsync()}");
        }
        return new EmulatorProcess(node, ready[6..].Trim());
    }

    public ValueTask DisposeAsync()
    {
        if (!_node.HasExited)
        {
            _node.StandardInput.Close();
            if (!_node.WaitForExit(5000))
            {
                _node.Kill(entireProcessTree: true);
            }
        }
        _node.Dispose();
        return ValueTask.CompletedTask;
    }
}
