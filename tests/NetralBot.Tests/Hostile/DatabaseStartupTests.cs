using Microsoft.Extensions.Time.Testing;
using NetralBot.Storage;

namespace NetralBot.Tests.Hostile;

/// <summary>
/// A random or truncated database file, a read-only database or folder: one clear sentence and exit code 1, with
/// nothing written, instead of a trace (issue 10).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class DatabaseStartupTests
{
    public static TheoryData<string> Damages => ["random", "truncated"];

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task Issue10_DamagedDatabase_IsRefusedWithTheWayToRestoreIt_NothingWritten(string damage)
    {
        using var cli = new CliRunner();
        var chat = string.Join("\n", Enumerable.Repeat("boleh like postingan caleg?", 40)) + "\n/keluar\n";
        Assert.Equal(0, (await cli.RunAsync(chat, "chat", "--dialogs", CliRunner.RepositoryDialogs)).ExitCode);
        var healthy = await File.ReadAllBytesAsync(cli.DatabaseFile);
        var damaged = damage == "random" ? RandomBytes(healthy.Length) : healthy[..(healthy.Length / 2)];
        await File.WriteAllBytesAsync(cli.DatabaseFile, damaged);

        var result = await cli.RunAsync("halo\n/keluar\n", "chat", "--dialogs", CliRunner.RepositoryDialogs);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"The database {cli.DatabaseFile} is damaged or not a NetralBot database", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("copy your last backup over it", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(damaged, await File.ReadAllBytesAsync(cli.DatabaseFile));
        Assert.False(File.Exists(cli.DatabaseFile + "-wal") && new FileInfo(cli.DatabaseFile + "-wal").Length > 0, "nothing was written to a WAL");
    }

    [Fact]
    public void Issue10_ReadOnlyDatabaseFile_IsAClearError()
    {
        var folder = NewFolder();
        var file = Path.Combine(folder, "bot.db");
        Database.Create(StorageProvider.Sqlite, $"Data Source={file}").Initialize(new FakeTimeProvider());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);

        var error = Unprivileged.Run(() => Record.Exception(() => Database.Create(StorageProvider.Sqlite, $"Data Source={file};Pooling=False").Initialize(new FakeTimeProvider())));

        var refused = Assert.IsType<DatabaseUnusableException>(error);
        Assert.Contains($"The database {file} cannot be written", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue10_ReadOnlyFolder_IsAClearError_NoFileIsCreated()
    {
        var folder = NewFolder();
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        var file = Path.Combine(folder, "bot.db");

        var error = Unprivileged.Run(() => Record.Exception(() => Database.Create(StorageProvider.Sqlite, $"Data Source={file};Pooling=False").Initialize(new FakeTimeProvider())));

        var refused = Assert.IsType<DatabaseUnusableException>(error);
        Assert.Contains($"The database {file} cannot be", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "netralbot-db-startup", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(Path.GetDirectoryName(folder)!, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        return folder;
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(10).NextBytes(bytes);
        return bytes;
    }
}
