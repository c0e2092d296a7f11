using System.Net;
using NetralBot.Storage.Tests;
using NetralBot.Tests.Web;

namespace NetralBot.Tests;

/// <summary>The real program on PostgreSQL: the key file an operator makes, a conversation and a tip, /readyz.</summary>
public class PostgresBotTests
{
    [Fact]
    public async Task Chat_OnPostgres_NeedsTheOperatorsKeyFile_ThenAnswers_TakesATip_AndTheCliReadsIt()
    {
        using var cli = new CliRunner();
        var (name, connectionString) = PostgresCluster.Shared.CreateDatabase();
        try
        {
            cli.Environment["NETRALBOT__Storage__Provider"] = "postgres";
            cli.Environment["NETRALBOT__Storage__ConnectionString"] = connectionString;
            var keyFile = Path.Combine(cli.DataFolder, "bot.key");

            // A worker never makes its own key: the start is refused and says how the operator makes the one shared key.
            var refused = await cli.RunAsync("halo\n", "chat", "--dialogs", CliRunner.RepositoryDialogs);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("netralbot keys create", refused.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(keyFile));

            var created = await cli.RunAsync("", "keys", "create");
            Assert.Equal(0, created.ExitCode);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            }
            var key = await File.ReadAllTextAsync(keyFile);
            Assert.Equal(1, (await cli.RunAsync("", "keys", "create")).ExitCode); // never overwritten
            Assert.Equal(key, await File.ReadAllTextAsync(keyFile));

            var chat = string.Join("\n",
                "boleh like postingan caleg di facebook?",
                "/lapor", "1", "5", "Lurah Contoh", "Kelurahan Contoh", "Kota Contoh", "1",
                "senin kemarin pas apel pagi",
                "Lurah bagi amplop kepada warga sambil menyebut nama calon walikota nomor 1.",
                "selesai", "1") + "\n";
            var sent = await cli.RunAsync(chat, "chat", "--dialogs", CliRunner.RepositoryDialogs);
            Assert.True(sent.ExitCode == 0, sent.Stderr);
            Assert.Contains("Laporan terkirim", sent.Stdout, StringComparison.Ordinal);
            Assert.False(File.Exists(cli.DatabaseFile)); // nothing went to a SQLite file

            var file = Path.Combine(cli.DataFolder, "export.csv");
            var export = await cli.RunAsync("", "tips", "export", "--format", "csv", "--out", file, "--dialogs", CliRunner.RepositoryDialogs);
            Assert.True(export.ExitCode == 0, export.Stderr);
            Assert.Contains("Lurah bagi amplop kepada warga", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
            var questions = await cli.RunAsync("", "questions", "--dialogs", CliRunner.RepositoryDialogs);
            Assert.Contains("boleh like postingan caleg di facebook?", questions.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            PostgresCluster.Shared.DropDatabase(name);
        }
    }

    [Theory]
    [InlineData("postgres", "Data Source=data/netralbot.db", "Host=")]
    [InlineData("mysql", "Data Source=data/netralbot.db", "Storage:Provider")]
    public async Task Chat_WithAProviderAndConnectionStringThatDoNotFit_StopsAtStartup_NamingTheOption(string provider, string connectionString, string named)
    {
        using var cli = new CliRunner();
        cli.Environment["NETRALBOT__Storage__Provider"] = provider;
        cli.Environment["NETRALBOT__Storage__ConnectionString"] = connectionString;
        var result = await cli.RunAsync("halo\n", "chat", "--dialogs", CliRunner.RepositoryDialogs);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal); // one sentence, no stack trace
    }

    [Fact]
    public async Task Readyz_OnPostgres_IsReadyOnlyWhileTheDatabaseAnswers()
    {
        var (name, connectionString) = PostgresCluster.Shared.CreateDatabase();
        var folder = Path.Combine(Path.GetTempPath(), "netralbot-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Hosting.MasterSecret.CreateFile(Path.Combine(folder, "bot.key"));
        try
        {
            await using var bot = await new WebBot(folder, new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "postgres",
                ["Storage:ConnectionString"] = connectionString,
            }).StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

            // The server stops taking connections to the bot's database: the load balancer must route elsewhere.
            PostgresCluster.Shared.AsSuperuser($"ALTER DATABASE {name} ALLOW_CONNECTIONS false");
            PostgresCluster.Shared.AsSuperuser($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
            Npgsql.NpgsqlConnection.ClearAllPools();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);

            PostgresCluster.Shared.AsSuperuser($"ALTER DATABASE {name} ALLOW_CONNECTIONS true");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            PostgresCluster.Shared.DropDatabase(name);
        }
    }
}
