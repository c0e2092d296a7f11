using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

/// <summary>
/// Idle resident memory of the real program (its own runtimeconfig: GC and JIT settings as shipped), started as a
/// child process: `netralbot chat` on the console, and `netralbot run` serving Telegram (long polling against the
/// telegram-test-api emulator). RSS is read from /proc after the program has settled.
/// </summary>
public static class IdleMemoryBenchmark
{
    public static async Task RunAsync(string dialogsFolder, string program, double settleSeconds)
    {
        Console.WriteLine($"idle RSS of {program} after {settleSeconds:F0} s:");
        Console.WriteLine($"  console (`chat`): {await IdleRssAsync(program, "chat", dialogsFolder, new Dictionary<string, string>(), settleSeconds)}");

        var emulatorFolder = Path.Combine(dialogsFolder, "..", "tests", "NetralBot.Tests", "Telegram", "emulator");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var node = Process.Start(new ProcessStartInfo("node", $"server.js {port}") { WorkingDirectory = emulatorFolder, RedirectStandardInput = true, RedirectStandardOutput = true })!;
        var api = (await node.StandardOutput.ReadLineAsync())![6..].Trim();
        try
        {
            var telegram = new Dictionary<string, string>
            {
                ["NETRALBOT__Telegram__BotToken"] = "777777:NETRALBOT-IDLE",
                ["NETRALBOT__Telegram__ApiBaseUrl"] = api,
            };
            Console.WriteLine($"  serving Telegram (`run`, long polling): {await IdleRssAsync(program, "run", dialogsFolder, telegram, settleSeconds)}");
        }
        finally
        {
            node.StandardInput.Close();
            node.WaitForExit(5000);
        }
    }

    private static async Task<string> IdleRssAsync(string program, string command, string dialogsFolder, Dictionary<string, string> environment, double settleSeconds)
    {
        var data = Path.Combine(Path.GetTempPath(), "netralbot-idle-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo("dotnet", [program, command, "--dialogs", dialogsFolder])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = data,
        };
        start.Environment["NETRALBOT__Storage__ConnectionString"] = $"Data Source={Path.Combine(data, "idle.db")}";
        start.Environment["NETRALBOT__Security__KeyFile"] = Path.Combine(data, "idle.key");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var bot = Process.Start(start)!;
        _ = bot.StandardOutput.ReadToEndAsync();
        _ = bot.StandardError.ReadToEndAsync();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(settleSeconds));
            if (bot.HasExited)
            {
                throw new InvalidOperationException($"`{command}` exited with {bot.ExitCode}");
            }
            return Rss(bot.Id);
        }
        finally
        {
            bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>VmRSS in MB (10^6 bytes, as the floors are written), and its anonymous and file-backed parts.</summary>
    public static string Rss(int processId)
    {
        var status = File.ReadLines($"/proc/{processId}/status").ToList();
        double Megabytes(string field)
        {
            var line = status.First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024 / 1e6;
        }
        return $"RSS {Megabytes("VmRSS"):F1} MB (anonymous {Megabytes("RssAnon"):F1}, files {Megabytes("RssFile"):F1})";
    }
}
