using System.Diagnostics;
using Cyclone.Bench.Hosting;
using Cyclone.Protocol.Rest;

namespace Cyclone.Bench.Workloads;

/// <summary>
/// w5: a million independent noop tasks in one submission (an array job) to a hub without agents: the time until the
/// hub acknowledges them (durable), and the hub's peak resident memory once they are all queued.
/// </summary>
public static class MillionSubmitWorkload
{
    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(BenchOptions options, CancellationToken ct)
    {
        await using var cluster = await LocalCluster.StartAsync(options, ct);
        var count = options.Count(1_000_000);
        var clock = Stopwatch.StartNew();
        var job = await cluster.Client.SubmitAsync(new SubmitJobRequest { Task = "noop", Name = "w5", Array = $"0-{count - 1}", Defer = true }, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(2), ct); // the scheduler takes the acknowledged tasks in right after; let it finish
        var queued = await cluster.Client.WaitForJobAsync(job.JobId, TimeSpan.FromSeconds(1), withTasks: false, ct);
        Progress.Say($"{count} tasks acknowledged in {seconds:0.00}s; job {queued.State}; hub {ProcessStats.ResidentMiB(cluster.Hub.Pid):0} MiB resident");
        return new Dictionary<string, double>
        {
            ["tasks"] = count,
            ["submit_seconds"] = seconds,
            ["tasks_per_s"] = count / seconds,
            ["hub_peak_rss_mib"] = ProcessStats.PeakResidentMiB(cluster.Hub.Pid),
            ["hub_rss_mib"] = ProcessStats.ResidentMiB(cluster.Hub.Pid),
        };
    }
}
