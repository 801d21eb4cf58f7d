using System.Net;
using System.Net.Sockets;
using Cyclone.Client;
using Cyclone.Protocol.Rest;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests.Cluster;

/// <summary>
/// A hub and agents as real <c>cyclone</c> processes on 127.0.0.1, with their own ports and data directory.
/// Leases and heartbeats are short so that lost agents are noticed within seconds. On dispose every process
/// is killed and, when output is attached, their logs are written to the test output.
/// </summary>
internal sealed partial class TestCluster : IAsyncDisposable
{
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    private static readonly string[] GroupCommands = ["workflow", "event", "timer", "runners", "admin", "user", "token"];

    private readonly ITestOutputHelper _output;
    private readonly List<CycloneProcess> _processes = [];
    private CycloneClient? _client;

    public TestCluster(ITestOutputHelper output)
    {
        _output = output;
        DataDirectory = Directory.CreateTempSubdirectory("cyclone-e2e-").FullName;
        Port = FreePort();
        GrpcPort = FreePort();
        HubUrl = $"http://127.0.0.1:{Port}";
        ConfigDirectory = Path.Combine(DataDirectory, "cli-config");
    }

    /// <summary>The CLI's configuration directory (XDG_CONFIG_HOME) for the commands this cluster runs: never the user's own.</summary>
    public string ConfigDirectory { get; }

    /// <summary>The administrator's bootstrap token, read once the hub has started for the first time.</summary>
    public string AdminToken { get; private set; } = "";

    /// <summary>An agent token the agents of this cluster use, created once the hub has started for the first time.</summary>
    public string AgentToken { get; private set; } = "";

    public string DataDirectory { get; }

    /// <summary>Where the hub keeps its store, when not in <see cref="DataDirectory"/> (say, on a small disk to fill).</summary>
    public string? HubDataDirectory { get; set; }

    public int Port { get; }

    public int GrpcPort { get; }

    /// <summary>The hub's REST address: http, or https once <see cref="UseTls"/> was called.</summary>
    public string HubUrl { get; private set; }

    /// <summary>A client acting as the administrator; available once the hub has started.</summary>
    public CycloneClient Client => _client ?? throw new InvalidOperationException("start the hub first: the client needs its bootstrap token");

    public CycloneProcess? Hub { get; private set; }

    /// <summary>What client commands get as <c>--hub</c> (say, a list of hubs); <see cref="HubUrl"/> when null.</summary>
    public string? CliHub { get; set; }

    public Dictionary<string, string> HubEnvironment { get; } = new()
    {
        ["CYCLONE_Hub__LeaseTimeout"] = "00:00:03",
        ["CYCLONE_Hub__HeartbeatInterval"] = "00:00:00.500",
        ["CYCLONE_Hub__TickInterval"] = "00:00:00.250",
    };

    /// <summary>Arguments every agent of this cluster gets besides its name, slots and hub (say, <c>--plugins DIR</c>).</summary>
    public List<string> AgentArguments { get; } = [];

    public static Dictionary<string, string> AgentEnvironment { get; } = new()
    {
        ["CYCLONE_Agent__KillGrace"] = "00:00:01",
        ["CYCLONE_Agent__ShutdownGrace"] = "00:00:02",
        ["CYCLONE_Agent__ReconnectMaxDelay"] = "00:00:02",
    };

    /// <summary>Starts the hub (again, after a crash, on the same ports and data) and waits for /healthz.</summary>
    public async Task<CycloneProcess> StartHubAsync()
    {
        Hub = Track(CycloneProcess.Start("hub", ["hub", "--port", $"{Port}", "--grpc-port", $"{GrpcPort}", "--data", HubDataDirectory ?? DataDirectory, .. HubArguments], HubEnvironment));
        using var anonymous = new CycloneClient(new Uri(HubUrl), new HubCredentials(null, CaFile));
        await Eventually.UntilAsync(async () =>
        {
            Assert.False(Hub.HasExited, $"the hub exited early:\n{Hub.Log}");
            return (await anonymous.HealthAsync(CancellationToken.None)).Status == "ok";
        }, StartDeadline, "the hub answers /healthz");
        if (_client is null)
        {
            AdminToken = File.ReadAllText(Path.Combine(HubDataDirectory ?? DataDirectory, "bootstrap-token")).Trim();
            _client = new CycloneClient(new Uri(HubUrl), new HubCredentials(AdminToken, CaFile));
            AgentToken = (await _client.CreateTokenAsync(new TokenCreateRequest { Role = "agent", Name = "test agents" }, CancellationToken.None)).Secret;
        }

        return Hub;
    }

    /// <summary>Starts an agent without waiting for it to register.</summary>
    public CycloneProcess LaunchAgent(string name, int slots, string? labels = null) => LaunchAgent(name, slots, labels, null);

    /// <summary>Starts an agent with its own <paramref name="token"/> (the cluster's agent token when null).</summary>
    public CycloneProcess LaunchAgent(string name, int slots, string? labels, string? token) => LaunchAgent(name, slots, labels, token, HubUrl, []);

    /// <summary>Starts an agent that reaches the hub at <paramref name="hubUrl"/>, through <paramref name="launcher"/> (say, in a network namespace).</summary>
    public CycloneProcess LaunchAgent(string name, int slots, string? labels, string? token, string hubUrl, IReadOnlyList<string> launcher)
    {
        if (AgentToken.Length == 0)
        {
            throw new InvalidOperationException("start the hub once before launching agents: they need the agent token it gives");
        }

        string[] args = ["agent", "--hub", hubUrl, "--slots", $"{slots}", "--name", name, .. AgentArguments];
        var environment = new Dictionary<string, string>(AgentEnvironment)
        {
            ["CYCLONE_TOKEN"] = token ?? AgentToken,
            ["XDG_STATE_HOME"] = Path.Combine(DataDirectory, "agent-state"),
        };
        TrustCa(environment);
        return Track(CycloneProcess.Start($"agent {name}", labels is null ? args : [.. args, "--labels", labels], environment, null, launcher));
    }

    /// <summary>Starts an agent and waits until the hub lists it as UP.</summary>
    public async Task<CycloneProcess> StartAgentAsync(string name, int slots, string? labels = null)
    {
        var agent = LaunchAgent(name, slots, labels);
        await WaitForAgentAsync(name, "UP");
        return agent;
    }

    public Task WaitForAgentAsync(string name, string state) =>
        Eventually.UntilAsync(
            async () => (await Client.ListAgentsAsync(CancellationToken.None)).Any(a => a.Name == name && a.State == state),
            StartDeadline, $"agent {name} is {state}");

    /// <summary>Runs a client command against this hub (with <c>--hub</c>) and waits for it to end.</summary>
    public async Task<CliResult> CliAsync(params string[] args) => await CliAsync(TimeSpan.FromSeconds(120), args);

    public Task<CliResult> CliAsync(TimeSpan deadline, params string[] args) => CliAsAsync(AdminToken, deadline, args);

    /// <summary>Runs a client command with <paramref name="token"/> in CYCLONE_TOKEN (none when empty).</summary>
    public async Task<CliResult> CliAsAsync(string token, TimeSpan deadline, params string[] args)
    {
        // the hub option belongs to the command itself: after "workflow publish", not after "workflow"
        var words = args.Length > 1 && (GroupCommands.Contains(args[0]) || (args[0] == "queue" && args[1] == "clear")) ? 2 : 1;
        var environment = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = ConfigDirectory };
        if (token.Length > 0)
        {
            environment["CYCLONE_TOKEN"] = token;
        }

        TrustCa(environment);

        using var process = CycloneProcess.Start(string.Join(' ', args[..words]), [.. args[..words], "--hub", CliHub ?? HubUrl, .. args[words..]], environment);
        if (!await process.WaitForExitAsync(deadline))
        {
            throw new TimeoutException($"cyclone {string.Join(' ', args)} did not end within {deadline.TotalSeconds:0} s:\n{process.Log}");
        }

        return new CliResult(process.ExitCode, process.Stdout, process.Stderr);
    }

    /// <summary>Submits with <c>cyclone run</c> and returns the job id it printed.</summary>
    public async Task<long> SubmitAsync(params string[] runArgs)
    {
        var result = await CliAsync(["run", .. runArgs]);
        Assert.True(result.ExitCode == 0, $"cyclone run failed: {result}");
        return long.Parse(result.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A raw HTTP client of the hub's REST address that sends <paramref name="token"/> (the administrator's when null; none when empty).</summary>
    public HttpClient Http(string? token = null)
    {
        var http = new HttpClient(HubTrust.CreateHandler(CaFile)) { BaseAddress = new Uri(HubUrl) };
        token ??= AdminToken;
        if (token.Length > 0)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public Task<JobDto> JobAsync(long id) => Client.GetJobAsync(id, CancellationToken.None);

    public Task<JobDto> WaitForJobAsync(long id, string state, TimeSpan? deadline = null) =>
        Eventually.UntilAsync(async () =>
        {
            var job = await JobAsync(id);
            return job.State == state ? job : null;
        }, deadline ?? TimeSpan.FromSeconds(60), $"job {id} is {state}");

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
            try
            {
                _output.WriteLine($"===== {process.Label} (pid {process.Pid})\n{process.Log}");
            }
            catch (InvalidOperationException)
            {
                // the test has ended; its output can no longer be written
            }
        }

        _client?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a process that was just killed may still hold a file for a moment; the temp directory is left behind
        }

        await Task.CompletedTask;
    }

    private CycloneProcess Track(CycloneProcess process)
    {
        _processes.Add(process);
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
