using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Cyclone.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL cluster for tests: Debian's server binaries (<c>/usr/lib/postgresql/N/bin</c>; installed with apt-get
/// when missing, running as root and <c>CYCLONE_REQUIRE_SERVICES=1</c>), a new data directory owned by the <c>postgres</c> user
/// when running as root (initdb refuses root), listening on 127.0.0.1 on a free port with fsync on. Stopped and removed on
/// dispose. Without PostgreSQL, <see cref="Missing"/> says why: tests then say so loudly and are skipped, or fail when
/// services are required.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _data;
    private int _databases;

    private PostgresServer(string bin, string data, int port)
    {
        _bin = bin;
        _data = data;
        Port = port;
    }

    public int Port { get; }

    /// <summary>True when tests that need a service must not be left out (as in CI).</summary>
    public static bool Required => Environment.GetEnvironmentVariable("CYCLONE_REQUIRE_SERVICES") == "1";

    /// <summary>Why PostgreSQL cannot be had here, or null when its binaries are present.</summary>
    public static string? Missing => FindBin() is null
        ? "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; apt-get install -y postgresql)"
        : null;

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Creates and starts a cluster; throws with the reason when it cannot.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken ct)
    {
        if (FindBin() is null && IsRoot && Required)
        {
            await RunAsync("apt-get", ["install", "-y", "-q", "postgresql"], asPostgres: false, ct);
        }

        var bin = FindBin() ?? throw new InvalidOperationException(Missing);
        var data = Directory.CreateTempSubdirectory("cyclone-pg-").FullName;
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", data], asPostgres: false, ct);
        }

        var server = new PostgresServer(bin, data, FreePort());
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "cyclone", "--auth=trust", "-E", "UTF8", "--no-sync"], IsRoot, ct);
        await StartServerAsync(bin, data, server.Port, ct);
        return server;
    }

    /// <summary>A connection string to the server's maintenance database.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=cyclone;Database={database}";

    /// <summary>Creates a new, empty database and answers its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken ct)
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}";
        await AdministerAsync($"CREATE DATABASE {name};", ct);
        return ConnectionString(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public Task DropDatabaseAsync(string connectionString, CancellationToken ct) =>
        AdministerAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE);", ct);

    /// <summary>Stops the server at once (as a crash would) and starts it again on the same port and data.</summary>
    public async Task RestartAsync(CancellationToken ct)
    {
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "immediate", "-w", "restart"], IsRoot, ct);
    }

    /// <summary>Stops the server at once, as a crash would; <see cref="ResumeAsync"/> starts it again.</summary>
    public Task CrashAsync(CancellationToken ct) =>
        RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "immediate", "-w", "stop"], IsRoot, ct);

    /// <summary>Starts a server stopped by <see cref="CrashAsync"/> again, on the same port and data.</summary>
    public Task ResumeAsync(CancellationToken ct) => StartServerAsync(_bin, _data, Port, ct);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "immediate", "-w", "stop"], IsRoot, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private async Task AdministerAsync(string sql, CancellationToken ct)
    {
        // not pooled: a restart of the server must not leave a dead connection behind for the next test
        await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        await connection.OpenAsync(ct);
#pragma warning disable CA2100 // statements are made here from database names this class gave
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(ct);
    }

    private static Task StartServerAsync(string bin, string data, int port, CancellationToken ct)
    {
        var options = $"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200";
        return RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(data, "server.log"), "-o", options, "-w", "start"], IsRoot, ct);
    }

    private static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, bool asPostgres, CancellationToken ct)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", file])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} failed with exit code {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
