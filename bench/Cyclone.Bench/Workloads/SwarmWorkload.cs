using System.Diagnostics;
using Cyclone.Bench.Hosting;
using Cyclone.Bench.Swarm;
using Cyclone.Protocol.Rest;

namespace Cyclone.Bench.Workloads;

/// <summary>
/// w6: 1,000 simulated agents (100 with --quick, 2 slots each) on their own streams against one hub. First idle: the
/// hub's CPU while they only heartbeat. Then under load: array jobs of <see cref="JobSize"/> noop tasks submitted at a
/// steady rate (<see cref="Submitters"/> loops, one job every <see cref="Interval"/> each with 1,000 agents, proportionally
/// less often with fewer), and for every task the time from the acknowledged submission to its lease arriving at an agent
/// (the same clock in this process).
/// </summary>
public static class SwarmWorkload
{
    public const int JobSize = 100;

    public const int Submitters = 4;

    /// <summary>
    /// With <see cref="Submitters"/> and <see cref="JobSize"/>: 2,500 tasks/s for 1,000 agents. On 2 cores the hub keeps up
    /// with about twice that (p99 near 100 ms at 4,000-5,000/s); this rate keeps it busy without a queue building up. Fewer
    /// agents get the same load per agent: a noop's slot is busy for two scheduler passes (lease, then outcome), each
    /// durable before it is answered, so 100 agents' 200 slots cannot take 2,500 tasks/s.
    /// </summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(160);

    private const int FullAgents = 1_000;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>Time for every agent's heartbeat to start (the hub asks for one every 2 s) before the idle figure is taken.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(BenchOptions options, CancellationToken ct)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromMinutes(options.Quick ? 5 : 12)); // the whole repetition, start and stop included
        ct = bound.Token;
        var agents = options.Quick ? FullAgents / 10 : FullAgents;
        var window = TimeSpan.FromSeconds(options.Quick ? 5 : 20);
        var metrics = new Dictionary<string, double> { ["agents"] = agents };

        await using var cluster = await LocalCluster.StartAsync(options, ct);
        var token = (await cluster.Client.CreateTokenAsync(new TokenCreateRequest { Name = "bench-swarm", Role = "agent" }, ct)).Secret;
        var clock = Stopwatch.StartNew();
        await using var swarm = await AgentSwarm.StartAsync(cluster.GrpcPort, token, agents, ct);
        Progress.Say($"{agents} agents welcomed on {swarm.Channels} connections in {clock.Elapsed.TotalSeconds:0.0}s");
        await WaitAllUpAsync(cluster, agents, ct);
        metrics["register_seconds"] = clock.Elapsed.TotalSeconds;
        Progress.Say($"all {agents} agents UP after {clock.Elapsed.TotalSeconds:0.0}s; idle for {window.TotalSeconds:0}s");

        await Task.Delay(Settle, ct);
        var beats = swarm.Ledger.Heartbeats;
        var idle = await CpuWindow.MeasureAsync(cluster.Hub.Pid, () => Task.Delay(window, ct));
        metrics["idle_cpu_pct"] = idle.Percent;
        metrics["idle_swarm_cpu_pct"] = idle.OwnPercent;
        metrics["idle_heartbeats_per_s"] = (swarm.Ledger.Heartbeats - beats) / idle.Seconds;
        Progress.Say($"idle: hub CPU {idle.Percent:0.0}% of one core, {metrics["idle_heartbeats_per_s"]:0} heartbeats/s (the swarm {idle.OwnPercent:0.0}%)");

        var request = new SubmitJobRequest { Task = "noop", Name = "w6", Array = $"0-{JobSize - 1}" };
        for (var i = 0; i < 5; i++)
        {
            await JobEnd.WaitAsync(cluster.Client, (await cluster.Client.SubmitAsync(request, ct)).JobId, ct); // warm-up
        }

        var interval = Interval * FullAgents / agents;
        var rate = Submitters * JobSize / interval.TotalSeconds;
        Progress.Say($"load: {Submitters} submitters, a job of {JobSize} every {interval.TotalMilliseconds:0} ms each (aiming at {rate:0} tasks/s) for {window.TotalSeconds:0}s");
        var outcomes = swarm.Ledger.Outcomes;
        IReadOnlyList<Submission> submissions = [];
        var load = await CpuWindow.MeasureAsync(cluster.Hub.Pid, async () =>
            submissions = await SteadySubmitter.RunAsync(cluster.Client, request, Submitters, interval, window, ct));
        var completed = swarm.Ledger.Outcomes - outcomes;
        metrics["load_cpu_pct"] = load.Percent;
        metrics["load_swarm_cpu_pct"] = load.OwnPercent;
        metrics["tasks_per_s"] = completed / load.Seconds;
        metrics["submitted_per_s"] = submissions.Count * JobSize / load.Seconds;
        metrics["target_per_s"] = rate;

        await DrainAsync(swarm, submissions, ct);
        foreach (var (key, value) in SwarmLatency.Of(submissions, swarm.Ledger))
        {
            metrics[key] = value;
        }

        metrics["stops"] = swarm.Ledger.Stops;
        metrics["streams_ended_early"] = swarm.EndedEarly.Values.Sum();
        metrics["hub_peak_rss_mib"] = ProcessStats.PeakResidentMiB(cluster.Hub.Pid);
        Progress.Say($"load: {metrics["tasks"]:0} tasks, {metrics["tasks_per_s"]:0} done/s (submitted {metrics["submitted_per_s"]:0}/s), "
            + $"lease p50 {metrics["lease_p50_ms"]:0.0} ms, p99 {metrics["lease_p99_ms"]:0.0} ms, hub CPU {load.Percent:0}% (the swarm {load.OwnPercent:0}%), peak RSS {metrics["hub_peak_rss_mib"]:0} MiB");
        foreach (var (reason, count) in swarm.EndedEarly)
        {
            Progress.Say($"{count} stream(s) ended early: {reason}");
        }

        return metrics;
    }

    private static async Task WaitAllUpAsync(LocalCluster cluster, int agents, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var up = (await cluster.Client.ListAgentsAsync(ct)).Count(a => a.State == "UP" && a.Name.StartsWith("sim-", StringComparison.Ordinal));
            if (up == agents)
            {
                return;
            }

            if (deadline.Elapsed > Patience)
            {
                throw new TimeoutException($"only {up} of {agents} agents are UP after {Patience.TotalSeconds:0}s");
            }

            await Task.Delay(250, ct);
        }
    }

    /// <summary>Waits until every submitted task has been leased and every outcome acknowledged (bounded).</summary>
    private static async Task DrainAsync(AgentSwarm swarm, IReadOnlyList<Submission> submissions, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (submissions.Any(s => s.TaskIds.Any(id => !swarm.Ledger.TryFirstLease(id, out _))) || swarm.Unacknowledged > 0)
        {
            if (deadline.Elapsed > Patience)
            {
                Progress.Say($"drain: gave up after {Patience.TotalSeconds:0}s with {swarm.Unacknowledged} outcome(s) unacknowledged");
                return;
            }

            await Task.Delay(100, ct);
        }

        Progress.Say($"drained {deadline.Elapsed.TotalSeconds:0.0}s after the load window");
    }
}
