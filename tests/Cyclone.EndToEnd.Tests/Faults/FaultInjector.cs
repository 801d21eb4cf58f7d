using System.Diagnostics;
using Cyclone.EndToEnd.Tests.Cluster;
using Cyclone.Tests.Shared;

namespace Cyclone.EndToEnd.Tests.Faults;

/// <summary>
/// Injects the faults while the workload runs, on a timeline spread over the run: kill -9 of agents (replacements
/// join), SIGSTOP past the lease then SIGCONT, kill -9 of the hub (restarted), partitions of agents in their own
/// network namespaces, and the store's disk filling up.
/// </summary>
internal sealed class FaultInjector
{
    public const int SlotsPerAgent = 3;

    private readonly TestCluster _cluster;
    private readonly Random _random;
    private readonly FaultCounts _counts;
    private readonly Action<string> _say;
    private readonly List<(string Name, CycloneProcess Process)> _local = [];
    private readonly List<(string Name, CycloneProcess Process, AgentNetwork Network)> _isolated = [];
    private int _replacements;

    public FaultInjector(TestCluster cluster, int seed, FaultCounts counts, Action<string> say)
    {
        _cluster = cluster;
        _random = new Random(seed);
        _counts = counts;
        _say = say;
    }

    /// <summary>How many agents were started in place of killed ones.</summary>
    public int Replacements => _replacements;

    /// <summary>Every agent name that ever ran, with its slots.</summary>
    public Dictionary<string, int> Agents { get; } = new(StringComparer.Ordinal);

    /// <summary>The small disk the hub's store is on (null without root).</summary>
    public TmpfsMount? Disk { get; set; }

    /// <summary>Networks of the isolated agents (empty without root).</summary>
    public IReadOnlyList<AgentNetwork> Networks => _isolated.Select(a => a.Network).ToList();

    public async Task StartAgentsAsync(int local, int isolated)
    {
        for (var i = 0; i < local; i++)
        {
            _local.Add(($"local-{i}", await StartAsync($"local-{i}", null)));
        }

        for (var i = 0; i < isolated; i++)
        {
            var network = AgentNetwork.Create(i + 1, $"{Environment.ProcessId % 1000}");
            var name = $"isolated-{i}";
            _isolated.Add((name, await StartAsync(name, network), network));
        }
    }

    /// <summary>Runs the timeline over <paramref name="duration"/>; every fault kind at least its required number of times.</summary>
    public async Task RunAsync(TimeSpan duration, Func<CancellationToken, Task<bool>> submitRefusedAsFull, CancellationToken ct)
    {
        var plan = new List<(double At, string Fault)>();
        for (var i = 0; i < 10; i++)
        {
            plan.Add(((i + 0.5) / 10, "agent kill -9"));
        }

        plan.AddRange([(0.2, "hub kill -9"), (0.5, "hub kill -9"), (0.8, "hub kill -9")]);
        plan.AddRange([(0.3, "agent SIGSTOP past lease"), (0.7, "agent SIGSTOP past lease")]);
        if (_isolated.Count > 0)
        {
            plan.AddRange([(0.4, "network partition"), (0.9, "network partition")]);
        }
        else
        {
            _say("no network namespaces without root: agents are frozen (SIGSTOP) instead of partitioned");
            plan.AddRange([(0.4, "agent SIGSTOP past lease"), (0.9, "agent SIGSTOP past lease")]);
        }

        if (Disk is not null)
        {
            plan.Add((0.6, "disk full"));
        }

        var clock = Stopwatch.StartNew();
        foreach (var (at, fault) in plan.OrderBy(p => p.At))
        {
            var wait = duration * at - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            _say($"{clock.Elapsed.TotalSeconds,6:0.0}s  {fault}");
            await InjectAsync(fault, submitRefusedAsFull, ct);
            _counts.Add(fault);
        }
    }

    private async Task InjectAsync(string fault, Func<CancellationToken, Task<bool>> submitRefusedAsFull, CancellationToken ct)
    {
        switch (fault)
        {
            case "agent kill -9":
                // the agent is restarted under its name, as a service manager would: it stops what the killed one left running
                var victim = _random.Next(_local.Count);
                _local[victim].Process.Signal("KILL");
                await _local[victim].Process.WaitForExitAsync(TimeSpan.FromSeconds(10));
                _replacements++;
                _local[victim] = (_local[victim].Name, await StartAsync(_local[victim].Name, null));
                break;
            case "agent SIGSTOP past lease":
                var frozen = _local[_random.Next(_local.Count)].Process;
                frozen.Signal("STOP");
                await Task.Delay(TimeSpan.FromSeconds(5), ct); // the lease is 3 s
                frozen.Signal("CONT");
                break;
            case "hub kill -9":
                _cluster.Hub!.Signal("KILL");
                await _cluster.Hub.WaitForExitAsync(TimeSpan.FromSeconds(10));
                await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(200, 2000)), ct);
                await _cluster.StartHubAsync();
                break;
            case "network partition":
                var cut = _isolated[_random.Next(_isolated.Count)].Network;
                cut.Cut();
                await Task.Delay(TimeSpan.FromSeconds(6), ct);
                cut.Restore();
                break;
            case "disk full":
                // while the disk is full submissions are refused, saying so; once space is back they are taken again
                var ballast = Disk!.Fill();
                await Eventually.UntilAsync(() => submitRefusedAsFull(ct), TimeSpan.FromSeconds(30), "a submission is refused while the disk is full");
                File.Delete(ballast);
                await Eventually.UntilAsync(async () => !await submitRefusedAsFull(ct), TimeSpan.FromSeconds(30), "submissions are taken again once space is back");
                break;
            default:
                throw new InvalidOperationException(fault);
        }
    }

    private async Task<CycloneProcess> StartAsync(string name, AgentNetwork? network)
    {
        Agents[name] = SlotsPerAgent;
        var process = network is null
            ? _cluster.LaunchAgent(name, SlotsPerAgent)
            : _cluster.LaunchAgent(name, SlotsPerAgent, null, null, $"http://{network.HubAddress}:{_cluster.Port}", network.Launcher);
        await _cluster.WaitForAgentAsync(name, "UP");
        return process;
    }
}
