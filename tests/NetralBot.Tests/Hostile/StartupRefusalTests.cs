using System.Diagnostics;

namespace NetralBot.Tests.Hostile;

/// <summary>
/// What stops the start with one clear sentence and exit code 1, writing nothing (issue 10): a second instance on
/// the same database, a key file others may read, a key path that is a folder.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class StartupRefusalTests
{
    [Fact]
    public async Task Issue10_SecondRunOnTheSameDatabase_RefusesToStart_TheFirstGoesOn()
    {
        using var cli = new CliRunner();
        using var first = cli.Start("run", "--dialogs", CliRunner.RepositoryDialogs);
        try
        {
            await WaitForAsync(() => File.Exists(cli.DatabaseFile + ".lock") && File.Exists(cli.DatabaseFile));

            var second = await cli.RunAsync("", "run", "--dialogs", CliRunner.RepositoryDialogs);

            Assert.Equal(1, second.ExitCode);
            Assert.Contains($"Another NetralBot is already running on {cli.DatabaseFile}", second.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", second.Stderr, StringComparison.Ordinal);
            Assert.False(first.HasExited, "the first instance goes on");
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        var afterKill = await cli.RunAsync("/keluar\n", "chat", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(0, afterKill.ExitCode); // the lock went with the killed process
    }

    [Fact]
    public async Task Issue10_KeyFileReadableByOthers_IsRefusedSayingHowToFixIt()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, (await cli.RunAsync("/keluar\n", "chat", "--dialogs", CliRunner.RepositoryDialogs)).ExitCode);
        var key = Path.Combine(cli.DataFolder, "bot.key");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await cli.RunAsync("/keluar\n", "chat", "--dialogs", CliRunner.RepositoryDialogs);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"chmod 600 {key}", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue10_KeyPathIsAFolder_IsAClearError_NothingWritten()
    {
        using var cli = new CliRunner();
        Directory.CreateDirectory(Path.Combine(cli.DataFolder, "bot.key"));

        var result = await cli.RunAsync("/keluar\n", "chat", "--dialogs", CliRunner.RepositoryDialogs);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Security:KeyFile", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("is a folder", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.DatabaseFile), "no database is created");
    }

    [Fact]
    public async Task Issue10_EverythingWritten_IsOwnerOnly_AndExportsLeaveTheWorkingFolder()
    {
        using var cli = new CliRunner();
        var exports = Path.Combine(cli.DataFolder, "outside", "exports");
        cli.Environment["NETRALBOT__Admins__Users__0"] = "console:local";
        cli.Environment["NETRALBOT__Tips__ExportFolder"] = exports;
        var chat = string.Join("\n", "/lapor", "1", "5", "Lurah Contoh", "Kelurahan Contoh", "Kota Contoh", "1", "kemarin",
            "Lurah Contoh membagikan amplop berisi uang kepada warga.", "selesai", "1", "/tipexport") + "\n";

        var sent = await cli.RunAsync(chat, "chat", "--dialogs", CliRunner.RepositoryDialogs);
        var csv = Path.Combine(cli.DataFolder, "export.csv");
        var export = await cli.RunAsync("", "tips", "export", "--format", "csv", "--out", csv, "--dialogs", CliRunner.RepositoryDialogs);

        Assert.Equal(0, sent.ExitCode);
        Assert.Equal(0, export.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(cli.DataFolder, "exports")), "nothing is exported into the working folder");
        var exported = Assert.Single(Directory.GetFiles(exports));
        const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        foreach (var file in new[] { cli.DatabaseFile, Path.Combine(cli.DataFolder, "bot.key"), exported, csv }
            .Concat(new[] { cli.DatabaseFile + "-wal", cli.DatabaseFile + "-shm" }.Where(File.Exists)))
        {
            Assert.True(File.GetUnixFileMode(file) == OwnerFile, $"{file} is {File.GetUnixFileMode(file)}");
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(exports));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "timed out");
            await Task.Delay(100);
        }
    }
}
