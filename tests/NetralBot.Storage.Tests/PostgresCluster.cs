using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace NetralBot.Storage.Tests;

/// <summary>
/// A throw-away PostgreSQL cluster for the tests: initdb and pg_ctl in a temporary folder, listening on a free loopback
/// port, started once per test process and stopped and deleted when it ends. As root (CI) the server runs as the
/// postgres user. PostgreSQL missing is installed with apt-get (Debian's packages), or the test fails saying so: never
/// a silent skip. Each test gets its own database, owned by a role without superuser rights, as the bot's would be.
/// </summary>
public sealed class PostgresCluster
{
    public const string BotRole = "netralbot";

    private static readonly Lazy<PostgresCluster> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _bin;
    private readonly string _data;
    private readonly bool _asRoot;

    private PostgresCluster(string bin, string folder, int port, bool asRoot)
    {
        _bin = bin;
        Folder = folder;
        _data = Path.Combine(folder, "data");
        Port = port;
        _asRoot = asRoot;
        LogFile = Path.Combine(folder, "server.log");
    }

    /// <summary>The cluster of this test process, started on first use.</summary>
    public static PostgresCluster Shared => Instance.Value;

    public string Folder { get; }

    public int Port { get; }

    /// <summary>The server's log (every statement of databases made with logStatements).</summary>
    public string LogFile { get; }

    /// <summary>How long finding, initialising and starting the cluster took.</summary>
    public TimeSpan StartedIn { get; private set; }

    private string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Database=postgres;Username=postgres;Pooling=false";

    /// <summary>
    /// A new empty database owned by the bot's role; returns its name and the role's connection string. With
    /// <paramref name="logStatements"/> every statement on it is written to the server log with its parameters.
    /// </summary>
    public (string Name, string ConnectionString) CreateDatabase(bool logStatements = false)
    {
        var name = "nb_" + Guid.NewGuid().ToString("N")[..16];
        using var admin = new NpgsqlConnection(AdminConnectionString);
        admin.Open();
        Run(admin, $"CREATE DATABASE {name} OWNER {BotRole}");
        if (logStatements)
        {
            Run(admin, $"ALTER DATABASE {name} SET log_statement = 'all'");
            Run(admin, $"ALTER DATABASE {name} SET log_min_error_statement = 'error'");
        }
        return (name, $"Host=127.0.0.1;Port={Port};Database={name};Username={BotRole}");
    }

    /// <summary>Runs a statement as the cluster's superuser (what an operator, not the bot, may do).</summary>
    public void AsSuperuser(string sql)
    {
        using var admin = new NpgsqlConnection(AdminConnectionString);
        admin.Open();
        Run(admin, sql);
    }

    public void DropDatabase(string name)
    {
        using var admin = new NpgsqlConnection(AdminConnectionString);
        admin.Open();
        Run(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>Everything the database holds, as pg_dump writes it (schema and data, bytea as hex).</summary>
    public string Dump(string database)
    {
        var (exitCode, output) = Exec(Path.Combine(_bin, "pg_dump"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "--no-owner", database]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException("pg_dump failed: " + output);
        }
        return output;
    }

    /// <summary>The bytes of every file of a database's tables, indexes and TOAST, after a checkpoint wrote them out.</summary>
    public byte[] DatabaseFiles(string database)
    {
        using var admin = new NpgsqlConnection(AdminConnectionString);
        admin.Open();
        Run(admin, "CHECKPOINT");
        using var command = new NpgsqlCommand("SELECT oid FROM pg_database WHERE datname = @Name", admin);
        command.Parameters.AddWithValue("Name", database);
        var oid = Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
        return [.. Directory.EnumerateFiles(Path.Combine(_data, "base", oid)).SelectMany(File.ReadAllBytes)];
    }

    /// <summary>The server log's entries about one database (each entry with its continuation lines).</summary>
    public string ServerLog(string database)
    {
        var marker = " db=" + database + " ";
        var entries = new StringBuilder();
        var keep = false;
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 4 && char.IsAsciiDigit(line[0]) && line.Contains(" db=", StringComparison.Ordinal))
            {
                keep = line.Contains(marker, StringComparison.Ordinal);
            }
            if (keep)
            {
                entries.AppendLine(line);
            }
        }
        return entries.ToString();
    }

    private static void Run(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static PostgresCluster Start()
    {
        var clock = Stopwatch.StartNew();
        var bin = FindBinaries() ?? Install();
        var asRoot = Environment.UserName == "root";
        var folder = Path.Combine(Path.GetTempPath(), "netralbot-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var cluster = new PostgresCluster(bin, folder, FreePort(), asRoot);
        if (asRoot)
        {
            // initdb and postgres refuse to run as root: the cluster belongs to the postgres user Debian's package creates.
            Must(Exec("chown", ["-R", "postgres:postgres", folder]), "chown the cluster folder to postgres (does the postgres user exist?)");
        }
        Must(cluster.AsServer(Path.Combine(bin, "initdb"), ["-D", cluster._data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]), "initdb");
        File.AppendAllText(Path.Combine(cluster._data, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            port = {cluster.Port}
            unix_socket_directories = '{folder}'
            fsync = off
            full_page_writes = off
            max_connections = 200
            log_line_prefix = '%m [%p] db=%d '
            log_parameter_max_length = -1
            """);
        Must(cluster.AsServer(Path.Combine(bin, "pg_ctl"), ["-D", cluster._data, "-l", cluster.LogFile, "-w", "-t", "60", "start"]), "pg_ctl start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        using (var admin = new NpgsqlConnection(cluster.AdminConnectionString))
        {
            admin.Open();
            Run(admin, $"CREATE ROLE {BotRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
        }
        cluster.StartedIn = clock.Elapsed;
        return cluster;
    }

    private void Stop()
    {
        AsServer(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "immediate", "-w", "stop"]);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }

    private static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("PG_BINDIR") is { Length: > 0 } configured && File.Exists(Path.Combine(configured, "initdb")))
        {
            return configured;
        }
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")) && int.TryParse(Path.GetFileName(d), out _))
                .OrderByDescending(d => int.Parse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture))
                .Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault()
            : null;
        if (installed is not null)
        {
            return installed;
        }
        var (exitCode, output) = Exec("pg_config", ["--bindir"]);
        var bindir = output.Trim();
        return exitCode == 0 && File.Exists(Path.Combine(bindir, "initdb")) ? bindir : null;
    }

    // Debian's package, as root directly, otherwise through sudo without a password prompt (as the web tests get chromium).
    private static string Install()
    {
        var root = Environment.UserName == "root";
        string[] install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql"];
        var result = root ? Exec(install[0], install[1..]) : Exec("sudo", ["-n", .. install]);
        if (FindBinaries() is null)
        {
            string[] update = ["apt-get", "update", "-qq"];
            _ = root ? Exec(update[0], update[1..]) : Exec("sudo", ["-n", .. update]);
            result = root ? Exec(install[0], install[1..]) : Exec("sudo", ["-n", .. install]);
        }
        return FindBinaries() ?? throw new InvalidOperationException(
            "The storage tests run against PostgreSQL too, and its server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin " +
            "nor by pg_config, and apt-get could not install them: install Debian's postgresql package (apt-get install postgresql) or set PG_BINDIR. " + result.Output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Must((int ExitCode, string Output) result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Starting the test PostgreSQL cluster failed at {what}: {result.Output}");
        }
    }

    // As the server's user: postgres when the tests run as root.
    private (int ExitCode, string Output) AsServer(string file, string[] arguments) =>
        _asRoot ? Exec("runuser", ["-u", "postgres", "--", file, .. arguments]) : Exec(file, arguments);

    private static (int ExitCode, string Output) Exec(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{file} timed out");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, $"{file}: {ex.Message}");
        }
    }
}
