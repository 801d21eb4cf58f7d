using System.Diagnostics;

namespace Cyclone.Tests.Shared;

/// <summary>
/// A throwaway Prometheus Pushgateway for tests: Debian's <c>prometheus-pushgateway</c> (installed with apt-get when
/// missing, running as root and <c>CYCLONE_REQUIRE_SERVICES=1</c>) on 127.0.0.1 on a free port, without persistence.
/// Without it, <see cref="Missing"/> says why: tests then say so loudly and are skipped, or fail when services are required.
/// </summary>
internal sealed class PushgatewayServer : IAsyncDisposable
{
    private const string Program = "/usr/bin/prometheus-pushgateway";
    private readonly Process _process;
    private readonly string _log;

    private PushgatewayServer(Process process, int port, string log)
    {
        _process = process;
        Port = port;
        _log = log;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    /// <summary>Why the Pushgateway cannot be had here, or null when it is installed.</summary>
    public static string? Missing => File.Exists(Program) ? null : $"the Prometheus Pushgateway is not installed (no {Program}; apt-get install -y prometheus-pushgateway)";

    public static async Task<PushgatewayServer> StartAsync(CancellationToken ct)
    {
        if (Missing is not null)
        {
            await ServiceProcess.InstallWhenRequiredAsync("prometheus-pushgateway", ct);
        }

        if (Missing is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        var port = ServiceProcess.FreePort();
        var log = Path.Combine(Path.GetTempPath(), $"cyclone-pushgateway-{port}.log");
        var process = ServiceProcess.Start(Program, [$"--web.listen-address=127.0.0.1:{port}"], log);
        var server = new PushgatewayServer(process, port, log);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                using var ready = await http.GetAsync(new Uri(server.Address, "/-/ready"), ct);
                if (ready.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            if (DateTime.UtcNow >= deadline || process.HasExited)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"the Pushgateway did not start on port {port}: {File.ReadAllText(log)}");
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>What the Pushgateway exposes at <c>/metrics</c> (the pushed groups, with its own metrics).</summary>
    public async Task<string> ScrapeAsync(CancellationToken ct)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(Address, "/metrics"), ct);
    }

    public ValueTask DisposeAsync()
    {
        ServiceProcess.Kill(_process);
        _process.Dispose();
        try
        {
            File.Delete(_log);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
