using System.Diagnostics;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace NetralBot.Tests;

/// <summary>Runs the real built program (netralbot.dll) as a separate process, as a user would from a shell.</summary>
public sealed class CliRunner : IDisposable
{
    private readonly StringBuilder _output = new();

    public CliRunner()
    {
        DataFolder = Path.Combine(Path.GetTempPath(), "netralbot-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
    }

    /// <summary>Where this runner's database and key file live.</summary>
    public string DataFolder { get; }

    public string DatabaseFile => Path.Combine(DataFolder, "bot.db");

    /// <summary>Extra environment variables for the next runs (e.g. an invalid option).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public async Task<Result> RunAsync(string stdin, params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the program and leaves it running (for tests that stop or kill it themselves).</summary>
    public Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = DataFolder,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "netralbot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["NETRALBOT__Storage__ConnectionString"] = $"Data Source={DatabaseFile}";
        start.Environment["NETRALBOT__Security__KeyFile"] = Path.Combine(DataFolder, "bot.key");
        start.Environment["NETRALBOT__Tips__EvidenceFolder"] = Path.Combine(DataFolder, "evidence");
        start.Environment["NETRALBOT__Bot__HumanContact"] = "Helpdesk BKPSDM 0800-TEST";
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }

    /// <summary>
    /// Starts the program and reads its output as it comes (a full pipe would block it), keeping it for the failure
    /// message of <see cref="WaitUntilAsync"/>.
    /// </summary>
    public Process StartDrained(params string[] args)
    {
        var process = Start(args);
        process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms; fails with what the drained processes said after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                lock (_output)
                {
                    Assert.Fail("timed out; the bot said:\n" + _output);
                }
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The outbox messages in this runner's database not sent yet (pending, or claimed and being sent).</summary>
    public int UnsentOutboxMessages()
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        connection.Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')");
    }

    /// <summary>The repository's dialogs folder.</summary>
    public static string RepositoryDialogs
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NetralBot.sln")))
                {
                    return Path.Combine(dir.FullName, "dialogs");
                }
            }
            throw new InvalidOperationException("repository root not found");
        }
    }

    /// <summary>A private copy of the dialogs folder that a test may edit.</summary>
    public string CopyDialogs()
    {
        var target = Path.Combine(DataFolder, "dialogs");
        foreach (var file in Directory.EnumerateFiles(RepositoryDialogs, "*.yaml", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(RepositoryDialogs, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
