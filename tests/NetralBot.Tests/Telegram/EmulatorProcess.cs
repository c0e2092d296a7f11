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

    public static async Task<EmulatorProcess> StartAsync()
    {
        var folder = Path.Combine(CliRunner.RepositoryDialogs, "..", "tests", "NetralBot.Tests", "Telegram", "emulator");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            // .ci/run installs it; this is for a fresh clone running the tests directly.
            using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = folder })!;
            await npm.WaitForExitAsync();
            Assert.Equal(0, npm.ExitCode);
        }
        var node = Process.Start(new ProcessStartInfo("node", $"server.js {TelegramEmulator.FreePort()}")
        {
            WorkingDirectory = folder,
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
