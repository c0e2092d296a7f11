using System.Diagnostics;

namespace NetralBot.Tests.Web;

/// <summary>
/// What the web client scripts need, installed on first use when a fresh clone runs the tests directly (.ci/run
/// installs them first): the npm packages of Web/js (Microsoft's Direct Line client and Web Chat, playwright-core,
/// which never downloads a browser) and Debian's chromium. A missing tool fails the test with the reason; it is never
/// skipped.
/// </summary>
public static class WebClientTools
{
    public static readonly string Folder = Path.GetFullPath(Path.Combine(CliRunner.RepositoryDialogs, "..", "tests", "NetralBot.Tests", "Web", "js"));

    public static string Chromium => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly Lazy<Task> Installed = new(InstallAsync);

    public static Task EnsureInstalledAsync() => Installed.Value;

    private static async Task InstallAsync()
    {
        if (!File.Exists(Path.Combine(Folder, "node_modules", "botframework-webchat", "package.json")))
        {
            var npm = await RunAsync("npm", "ci --no-audit --no-fund", Folder, ("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
            Assert.True(npm.ExitCode == 0, "npm ci in tests/NetralBot.Tests/Web/js failed: " + npm.Output);
        }
        if (!File.Exists(Chromium))
        {
            // Debian's package; as root directly, otherwise through sudo without a password prompt.
            var root = Environment.UserName == "root";
            var apt = await RunAsync(root ? "apt-get" : "sudo", (root ? "" : "-n apt-get ") + "install -y --no-install-recommends chromium", Folder, ("DEBIAN_FRONTEND", "noninteractive"));
            if (apt.ExitCode != 0)
            {
                apt = await RunAsync(root ? "sh" : "sudo", (root ? "" : "-n sh ") + "-c \"apt-get update && apt-get install -y --no-install-recommends chromium\"", Folder, ("DEBIAN_FRONTEND", "noninteractive"));
            }
            Assert.True(File.Exists(Chromium), $"Chromium is needed at {Chromium} (apt-get install chromium, or set CHROMIUM_PATH): {apt.Output}");
        }
    }

    /// <summary>Runs a script of Web/js with node; its JSON step lines and errors come back as the output.</summary>
    public static async Task<(int ExitCode, string Output)> NodeAsync(params string[] arguments)
    {
        await EnsureInstalledAsync();
        return await RunAsync("node", string.Join(' ', arguments.Select(a => "\"" + a + "\"")), Folder, ("CHROMIUM_PATH", Chromium));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, string folder, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
        return (process.HasExited ? process.ExitCode : -1, await stdout + await stderr);
    }
}
