using System.Diagnostics;
using MySqlConnector;

namespace Cyclone.Tests.Shared;

/// <summary>
/// A throwaway MariaDB server for tests: Debian's <c>mariadbd</c> (package <c>mariadb-server</c>, installed with apt-get
/// when missing, running as root and <c>CYCLONE_REQUIRE_SERVICES=1</c>), a new data directory made by
/// <c>mariadb-install-db</c>, listening on 127.0.0.1 on a free port, as the <c>mysql</c> user when running as root.
/// <see cref="CrashAsync"/> kills it (SIGKILL) and <see cref="ResumeAsync"/> starts it again on the same data and port.
/// Stopped and removed on dispose. Without MariaDB, <see cref="Missing"/> says why: tests then say so loudly and are
/// skipped, or fail when services are required.
/// </summary>
internal sealed class MariaDbServer : IAsyncDisposable
{
    private const string Server = "/usr/sbin/mariadbd";
    private const string InstallDb = "/usr/bin/mariadb-install-db";
    private readonly string _data;
    private Process? _process;
    private int _databases;

    private MariaDbServer(string data, int port)
    {
        _data = data;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Why MariaDB cannot be had here, or null when its programs are present.</summary>
    public static string? Missing => File.Exists(Server) && File.Exists(InstallDb)
        ? null
        : $"MariaDB is not installed (no {Server}; apt-get install -y mariadb-server)";

    /// <summary>Creates and starts a server; throws with the reason when it cannot.</summary>
    public static async Task<MariaDbServer> StartAsync(CancellationToken ct)
    {
        if (Missing is not null)
        {
            await ServiceProcess.InstallWhenRequiredAsync("mariadb-server", ct);
        }

        if (Missing is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        var data = Directory.CreateTempSubdirectory("cyclone-mariadb-").FullName;
        if (ServiceProcess.IsRoot)
        {
            await ServiceProcess.RunAsync("chown", ["mysql:mysql", data], ct);
        }

        await ServiceProcess.RunAsync(InstallDb, [
            "--no-defaults", $"--datadir={data}", $"--user={User}", "--auth-root-authentication-method=normal", "--skip-test-db",
        ], ct);
        var server = new MariaDbServer(data, ServiceProcess.FreePort());
        await server.ResumeAsync(ct);
        return server;
    }

    private static string User => ServiceProcess.IsRoot ? "mysql" : Environment.UserName;

    /// <summary>A connection string to <paramref name="database"/> as root (no password), not pooled.</summary>
    public string ConnectionString(string database = "mysql") =>
        $"Server=127.0.0.1;Port={Port};User ID=root;Database={database};Pooling=false;Connection Timeout=5";

    /// <summary>Creates a new, empty database and answers its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken ct)
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}";
        await ExecuteAsync(ConnectionString(), $"CREATE DATABASE {name};", ct);
        return ConnectionString(name);
    }

    /// <summary>Runs a statement on the database of <paramref name="connectionString"/>.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(ct);
#pragma warning disable CA2100 // statements of the tests themselves
        await using var command = new MySqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The first column of the first row of a query.</summary>
    public static async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(ct);
#pragma warning disable CA2100 // statements of the tests themselves
        await using var command = new MySqlCommand(sql, connection);
#pragma warning restore CA2100
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Kills the server (SIGKILL), as a crash would; <see cref="ResumeAsync"/> starts it again.</summary>
    public Task CrashAsync()
    {
        if (_process is not null)
        {
            ServiceProcess.Kill(_process);
            _process.Dispose();
            _process = null;
        }

        return Task.CompletedTask;
    }

    /// <summary>Starts the server on its data and port and waits until it takes connections.</summary>
    public async Task ResumeAsync(CancellationToken ct)
    {
        _process = ServiceProcess.Start(Server, [
            "--no-defaults", $"--datadir={_data}", $"--port={Port}", "--bind-address=127.0.0.1", $"--socket={_data}/mariadb.sock",
            $"--pid-file={_data}/mariadb.pid", $"--user={User}", "--skip-name-resolve", "--innodb-flush-log-at-trx-commit=1",
            "--max-connections=200", "--innodb-buffer-pool-size=64M",
        ], Path.Combine(Path.GetTempPath(), $"cyclone-mariadb-{Port}.log"));
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            try
            {
                await ExecuteAsync(ConnectionString(), "SELECT 1;", ct);
                return;
            }
            catch (MySqlException) when (DateTime.UtcNow < deadline && _process is { HasExited: false })
            {
                await Task.Delay(200, ct);
            }
            catch (MySqlException ex)
            {
                var log = File.ReadAllText(Path.Combine(Path.GetTempPath(), $"cyclone-mariadb-{Port}.log"));
                throw new InvalidOperationException($"MariaDB did not start on port {Port}: {ex.Message}\n{log}", ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CrashAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
            File.Delete(Path.Combine(Path.GetTempPath(), $"cyclone-mariadb-{Port}.log"));
        }
        catch (IOException)
        {
            // removed with the temp directory later
        }
    }
}
