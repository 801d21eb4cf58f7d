using System.Diagnostics;
using System.Text;
using Cyclone.Bench.Hosting;

namespace Cyclone.Bench.Workloads;

/// <summary>
/// w4: a graph of noop tasks where each depends on two earlier ones, run as a workflow file submitted once
/// (validated, stored as tasks, not versioned), from the submit to the end of the last task. Layered: layers of
/// 1,000, task (l, j) after (l-1, j) and (l-1, (j+1) mod 1000). Chain: task i after i-1 and i-2.
/// </summary>
public static class DagWorkloads
{
    private const int Width = 1000;

    public static Task<IReadOnlyDictionary<string, double>> LayeredAsync(BenchOptions options, CancellationToken ct) =>
        RunAsync(options, options.Count(100_000), i => i < Width ? [] : [i - Width, (i / Width - 1) * Width + (i % Width + 1) % Width], ct);

    public static Task<IReadOnlyDictionary<string, double>> ChainAsync(BenchOptions options, CancellationToken ct) =>
        RunAsync(options, options.Count(100_000), i => i switch { 0 => [], 1 => [0], _ => [i - 1, i - 2] }, ct);

    /// <summary>The native workflow file: nodes t0..tN-1 running noop, an ordering edge per dependency.</summary>
    public static byte[] Workflow(int count, Func<int, int[]> upstreams)
    {
        var json = new StringBuilder(count * 64);
        json.Append("{\"nodes\":[");
        for (var i = 0; i < count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("{\"name\":\"t").Append(i).Append("\",\"task\":\"noop\"}");
        }

        json.Append("],\"edges\":[");
        var first = true;
        for (var i = 0; i < count; i++)
        {
            foreach (var u in upstreams(i))
            {
                json.Append(first ? "" : ",").Append("{\"from\":\"t").Append(u).Append("\",\"to\":\"t").Append(i).Append("\"}");
                first = false;
            }
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    private static async Task<IReadOnlyDictionary<string, double>> RunAsync(BenchOptions options, int count, Func<int, int[]> upstreams, CancellationToken ct)
    {
        await using var cluster = await LocalCluster.StartAsync(options, ct);
        await cluster.StartAgentAsync("bench", ThroughputWorkloads.Slots, ct);
        var warmUp = await cluster.Client.SubmitWorkflowFileAsync("warm-up", Workflow(100, upstreams), "native", ct);
        await JobEnd.WaitAsync(cluster.Client, warmUp.RunId, ct);

        var file = Workflow(count, upstreams);
        var clock = Stopwatch.StartNew();
        var run = await cluster.Client.SubmitWorkflowFileAsync("w4", file, "native", ct);
        var submitted = clock.Elapsed;
        await JobEnd.WaitAsync(cluster.Client, run.RunId, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        Progress.Say($"{count}-task graph in {seconds:0.00}s ({count / seconds:0} tasks/s, submit {submitted.TotalSeconds:0.00}s)");
        return new Dictionary<string, double>
        {
            ["tasks"] = count,
            ["seconds"] = seconds,
            ["tasks_per_s"] = count / seconds,
            ["submit_seconds"] = submitted.TotalSeconds,
        };
    }
}
