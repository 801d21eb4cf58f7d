using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cyclone.Bench.Hosting;
using Cyclone.Client;
using Cyclone.Protocol.Rest;

namespace Cyclone.Bench.Workloads;

/// <summary>
/// w7: the REST pull API. A hub without agents gets 20,000 noop tasks as one array job; then two worker loops, each
/// over its own plain HttpClient speaking JSON as a worker in any language would, lease and complete tasks until the
/// job is done: once one task per call (lease 1, complete 1), once 16 per call (lease 16, batched complete of 16).
/// </summary>
public static class PullWorkload
{
    public const int Workers = 2;

    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var count = options.Count(20_000);
        await using var cluster = await LocalCluster.StartAsync(options, ct);
        await DrainAsync(cluster, 100, 1, ct); // warm-up
        var one = await DrainAsync(cluster, count, 1, ct);
        var sixteen = await DrainAsync(cluster, count, 16, ct);
        return Figures(count, one, sixteen, cluster);
    }

    /// <summary>w7's figures (and w7-dwork's): seconds and tasks/s of each batch size, and the hub's peak memory.</summary>
    internal static IReadOnlyDictionary<string, double> Figures(int count, double one, double sixteen, LocalCluster cluster)
    {
        return new Dictionary<string, double>
        {
            ["tasks"] = count,
            ["seconds"] = one + sixteen,
            ["seconds_batch1"] = one,
            ["seconds_batch16"] = sixteen,
            ["tasks_per_s_batch1"] = count / one,
            ["tasks_per_s_batch16"] = count / sixteen,
            ["hub_peak_rss_mib"] = ProcessStats.PeakResidentMiB(cluster.Hub.Pid),
        };
    }

    /// <summary>Submits <paramref name="count"/> tasks and runs the workers until all are completed; answers the seconds from the first lease to the job's end.</summary>
    private static async Task<double> DrainAsync(LocalCluster cluster, int count, int batch, CancellationToken ct)
    {
        var job = await cluster.Client.SubmitAsync(new SubmitJobRequest { Task = "noop", Name = $"w7-batch{batch}", Array = $"0-{count - 1}", Defer = true }, ct);
        var left = new StrongCount(count);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(i => WorkAsync(cluster, $"bench-{batch}-{i}", batch, left, ct)));
        await JobEnd.WaitAsync(cluster.Client, job.JobId, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        Progress.Say($"{count} tasks, {Workers} workers, {batch} per call: {seconds:0.00}s ({count / seconds:0} tasks/s)");
        return seconds;
    }

    private static async Task WorkAsync(LocalCluster cluster, string worker, int batch, StrongCount left, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = cluster.Url, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cluster.AdminToken);
        while (left.Value > 0)
        {
            var leased = (await PostAsync(http, "api/v1/tasks/lease", new { worker, max = batch, waitSeconds = 1 }, ct))["tasks"]!.AsArray();
            if (leased.Count == 0)
            {
                continue; // the other worker holds the rest
            }

            var reports = leased.Select(t => new { id = (long)t!["id"]!, attempt = (int)t["attempt"]! }).ToList();
            if (batch == 1)
            {
                var only = reports[0];
                var result = await PostAsync(http, $"api/v1/tasks/{only.id}/complete", new { worker, only.attempt }, ct);
                Expect((string?)result["state"] == "COMPLETED", result);
            }
            else
            {
                var results = (await PostAsync(http, "api/v1/tasks/complete", new { worker, tasks = reports }, ct))["results"]!.AsArray();
                Expect(results.All(r => (int)r!["status"]! == 200), results);
            }

            left.Subtract(reports.Count);
        }
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return response.IsSuccessStatusCode ? JsonNode.Parse(text)! : throw new CycloneApiException($"POST /{path} answered {(int)response.StatusCode}: {text}");
    }

    private static void Expect(bool ok, JsonNode answer)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"a completion was not taken: {answer.ToJsonString()}");
        }
    }

    /// <summary>How many tasks are still to complete, shared by the workers.</summary>
    private sealed class StrongCount(int value)
    {
        private int _value = value;

        public int Value => Volatile.Read(ref _value);

        public void Subtract(int n) => Interlocked.Add(ref _value, -n);
    }
}
