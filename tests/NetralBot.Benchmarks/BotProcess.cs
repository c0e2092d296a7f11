using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

/// <summary>
/// `netralbot run` as its own process for the benchmarks that drive it over loopback HTTP (web chat, WhatsApp):
/// starting it on a SQLite file in a scratch folder, waiting for /readyz, reading its memory, and the latency
/// percentiles they report.
/// </summary>
public static class BotProcess
{
    /// <summary>Starts the bot with its data in <paramref name="folder"/>; <paramref name="settings"/> are option paths below NETRALBOT__ ("WebChat__Enabled").</summary>
    public static Process Start(string folder, string baseUrl, params (string Name, string Value)[] settings)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "netralbot.dll"));
        start.ArgumentList.Add("run");
        start.Environment["NETRALBOT__Http__Urls"] = baseUrl;
        start.Environment["NETRALBOT__Storage__ConnectionString"] = $"Data Source={Path.Combine(folder, "bot.db")}";
        start.Environment["NETRALBOT__Security__KeyFile"] = Path.Combine(folder, "bot.key");
        start.Environment["NETRALBOT__Tips__EvidenceFolder"] = Path.Combine(folder, "evidence");
        start.Environment["NETRALBOT__Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings)
        {
            start.Environment["NETRALBOT__" + name] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) { Console.Error.WriteLine("bot: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls /readyz until it answers 200 (60 s at most); returns how long that took.</summary>
    public static async Task<TimeSpan> WaitReadyAsync(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await http.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the bot did not become ready");
    }

    public static double RssMiB(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>The value at fraction <paramref name="p"/> of a sorted list; 0 for an empty one.</summary>
    public static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)];

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
