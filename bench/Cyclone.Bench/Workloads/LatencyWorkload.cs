using System.Diagnostics;
using Cyclone.Bench.Hosting;
using Cyclone.Protocol.Rest;

namespace Cyclone.Bench.Workloads;

/// <summary>w3: one noop task at a time, submit to its end (the hub's long poll answers), 1,000 times after 50 not counted.</summary>
public static class LatencyWorkload
{
    private const int WarmUp = 50;

    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(BenchOptions options, CancellationToken ct)
    {
        await using var cluster = await LocalCluster.StartAsync(options, ct);
        await cluster.StartAgentAsync("bench", ThroughputWorkloads.Slots, ct);
        var count = options.Count(1_000);
        var samples = new double[count];
        var request = new SubmitJobRequest { Task = "noop", Name = "w3" };
        for (var i = -WarmUp; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            var job = await cluster.Client.SubmitAsync(request, ct);
            var ended = await cluster.Client.WaitForJobAsync(job.JobId, TimeSpan.FromSeconds(30), withTasks: false, ct);
            var ms = clock.Elapsed.TotalMilliseconds;
            if (ended.State != "COMPLETED")
            {
                throw new InvalidOperationException($"job {job.JobId} is {ended.State}, not COMPLETED");
            }

            if (i >= 0)
            {
                samples[i] = ms;
            }
        }

        Array.Sort(samples);
        var result = new Dictionary<string, double>
        {
            ["tasks"] = count,
            ["p50_ms"] = Percentile(samples, 0.50),
            ["p99_ms"] = Percentile(samples, 0.99),
            ["mean_ms"] = samples.Average(),
        };
        Progress.Say($"round trip p50 {result["p50_ms"]:0.000} ms, p99 {result["p99_ms"]:0.000} ms");
        return result;
    }

    /// <summary>The nearest-rank percentile of sorted samples.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
