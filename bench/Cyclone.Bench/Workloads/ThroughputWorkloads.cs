using System.Diagnostics;
using Cyclone.Bench.Hosting;
using Cyclone.Protocol.Rest;

namespace Cyclone.Bench.Workloads;

/// <summary>w1 and w2: many independent tasks as one array job, from the submit to the end of the last, on one agent with 2 slots.</summary>
public static class ThroughputWorkloads
{
    public const int Slots = 2;

    public static Task<IReadOnlyDictionary<string, double>> NoopAsync(BenchOptions options, CancellationToken ct) =>
        RunAsync(options, new SubmitJobRequest { Task = "noop", Name = "w1" }, options.Count(100_000), ct);

    public static Task<IReadOnlyDictionary<string, double>> CommandAsync(BenchOptions options, CancellationToken ct) =>
        RunAsync(options, new SubmitJobRequest { Command = ["/bin/true"], Name = "w2" }, options.Count(10_000), ct);

    private static async Task<IReadOnlyDictionary<string, double>> RunAsync(BenchOptions options, SubmitJobRequest request, int count, CancellationToken ct)
    {
        await using var cluster = await LocalCluster.StartAsync(options, ct);
        await cluster.StartAgentAsync("bench", Slots, ct);

        request.Array = "0-99";
        await JobEnd.WaitAsync(cluster.Client, (await cluster.Client.SubmitAsync(request, ct)).JobId, ct); // warm-up

        request.Array = $"0-{count - 1}";
        var clock = Stopwatch.StartNew();
        var job = await cluster.Client.SubmitAsync(request, ct);
        var submitted = clock.Elapsed;
        await JobEnd.WaitAsync(cluster.Client, job.JobId, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        Progress.Say($"{count} tasks in {seconds:0.00}s ({count / seconds:0} tasks/s, submit {submitted.TotalSeconds:0.00}s)");
        return new Dictionary<string, double>
        {
            ["tasks"] = count,
            ["seconds"] = seconds,
            ["tasks_per_s"] = count / seconds,
            ["submit_seconds"] = submitted.TotalSeconds,
            ["hub_peak_rss_mib"] = ProcessStats.PeakResidentMiB(cluster.Hub.Pid),
        };
    }
}
