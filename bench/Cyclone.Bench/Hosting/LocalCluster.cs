using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cyclone.Client;
using Cyclone.Protocol.Rest;

namespace Cyclone.Bench.Hosting;

/// <summary>
/// A hub and its agents as real processes of the Release CLI, on 127.0.0.1, with a durable store in a fresh
/// data directory (removed afterwards unless <c>--keep</c>). The client is signed in as the hub's administrator.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly BenchOptions _options;
    private readonly List<ChildProcess> _agents = [];
    private string? _agentToken;

    private LocalCluster(BenchOptions options, string work, ChildProcess hub, Uri url, CycloneClient client, int grpcPort)
    {
        _options = options;
        Work = work;
        Hub = hub;
        Url = url;
        Client = client;
        GrpcPort = grpcPort;
    }

    public string Work { get; }

    public ChildProcess Hub { get; }

    public Uri Url { get; }

    public int GrpcPort { get; }

    public CycloneClient Client { get; }

    /// <summary>The hub's PostgreSQL database when the run gives <c>--store</c>; null with SQLite.</summary>
    public BenchDatabase? Database { get; private init; }

    /// <summary>The hub's administrator token (the bootstrap token).</summary>
    public string AdminToken { get; private set; } = "";

    /// <summary>Starts the hub, with <paramref name="hubArguments"/> added to its command line.</summary>
    public static async Task<LocalCluster> StartAsync(BenchOptions options, CancellationToken ct, IReadOnlyList<string>? hubArguments = null)
    {
        var cli = await CliBuild.EnsureAsync(options.Root, ct);
        var work = Directory.CreateTempSubdirectory("cyclone-bench-").FullName;
        var (port, grpc) = (FreePort(), FreePort());
        var database = options.Store is { } server ? await BenchDatabase.CreateAsync(server, ct) : null;
        string[] store = database is null ? [] : ["--store", database.Url];
        var hub = ChildProcess.Start(
            cli, ["hub", "--port", $"{port}", "--grpc-port", $"{grpc}", "--data", Path.Combine(work, "data"), .. store, .. hubArguments ?? []],
            Path.Combine(work, "hub.log"));
        var url = new Uri($"http://127.0.0.1:{port}/");
        string token;
        try
        {
            token = await WaitForHubAsync(hub, Path.Combine(work, "data", "bootstrap-token"), url, ct);
        }
        catch
        {
            await hub.DisposeAsync(); // no cluster to dispose yet: the hub process must not outlive the run
            if (database is not null)
            {
                await database.DisposeAsync();
            }

            throw;
        }

        var cluster = new LocalCluster(options, work, hub, url, new CycloneClient(url, new HubCredentials(token, null)), grpc) { AdminToken = token, Database = database };
        return cluster;
    }

    /// <summary>Starts an agent with <paramref name="slots"/> slots and waits until the hub lists it UP.</summary>
    public async Task StartAgentAsync(string name, int slots, CancellationToken ct)
    {
        _agentToken ??= (await Client.CreateTokenAsync(new TokenCreateRequest { Name = "bench-agents", Role = "agent" }, ct)).Secret;
        var cli = await CliBuild.EnsureAsync(_options.Root, ct);
        var env = new Dictionary<string, string> { ["CYCLONE_TOKEN"] = _agentToken };
        _agents.Add(ChildProcess.Start(cli, ["agent", "--hub", Url.AbsoluteUri, "--slots", $"{slots}", "--name", name], Path.Combine(Work, $"agent-{name}.log"), env));
        var deadline = Stopwatch.StartNew();
        while (!(await Client.ListAgentsAsync(ct)).Any(a => a.Name == name && a.State == "UP"))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60) || _agents[^1].HasExited)
            {
                throw new InvalidOperationException($"agent {name} did not come up; see {_agents[^1].Log}");
            }

            await Task.Delay(50, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        await Hub.DisposeAsync();
        Client.Dispose();
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        if (!_options.Keep)
        {
            Directory.Delete(Work, recursive: true);
        }
        else
        {
            Progress.Say($"kept {Work}");
        }
    }

    private static async Task<string> WaitForHubAsync(ChildProcess hub, string tokenFile, Uri url, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (hub.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"the hub did not come up; see {hub.Log}");
            }

            try
            {
                if (File.Exists(tokenFile) && (await http.GetAsync(new Uri(url, "healthz"), ct)).IsSuccessStatusCode)
                {
                    return (await File.ReadAllTextAsync(tokenFile, ct)).Trim();
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // listening but slow to answer (a busy machine): ask again until the deadline
            }

            await Task.Delay(50, ct);
        }
    }

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
