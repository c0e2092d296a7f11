namespace NetralBot.Tests;

/// <summary>Issue 11: the report form as a console user goes through it, run against the real program.</summary>
public class ConsoleReportTests
{
    /// <summary>The Monday before today in WIB (a week ago when today is a Monday), as "senin kemarin" means.</summary>
    private static string LastMonday()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Core.Reminders.IndonesianTimeZones.Wib).DateTime);
        var back = ((int)today.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7;
        return today.AddDays(-(back == 0 ? 7 : back)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Issue11_ConsoleReport_TooShortStoryIsCompleted_AndSeninKemarinIsTheMondayBefore()
    {
        using var cli = new CliRunner();
        var mondayBefore = LastMonday();
        var chat = string.Join("\n",
            "/lapor", "1", "5", "Lurah Contoh", "Kelurahan Contoh", "Kota Contoh", "1",
            "senin kemarin pas apel pagi",
            "Lurah bagi amplop",
            "kepada warga sambil menyebut nama calon walikota nomor 1.",
            "selesai", "1") + "\n";

        var sent = await cli.RunAsync(chat, "chat", "--dialogs", CliRunner.RepositoryDialogs);
        var mondayAfter = LastMonday(); // the same unless the run crossed midnight in WIB

        Assert.Equal(0, sent.ExitCode);
        Assert.Contains("\"Lurah bagi amplop\"", sent.Stdout, StringComparison.Ordinal); // kept and shown, not to be retyped
        Assert.DoesNotContain("Tulis ulang", sent.Stdout, StringComparison.Ordinal);
        Assert.Contains("Laporan terkirim", sent.Stdout, StringComparison.Ordinal);

        var file = Path.Combine(cli.DataFolder, "export.csv");
        var export = await cli.RunAsync("", "tips", "export", "--format", "csv", "--out", file, "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(0, export.ExitCode);
        var csv = await File.ReadAllTextAsync(file);
        Assert.Contains("Lurah bagi amplop kepada warga sambil menyebut nama calon walikota nomor 1.", csv, StringComparison.Ordinal);
        Assert.True(csv.Contains($"senin kemarin pas apel pagi,{mondayBefore},", StringComparison.Ordinal)
            || csv.Contains($"senin kemarin pas apel pagi,{mondayAfter},", StringComparison.Ordinal), csv);
    }
}
