using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cyclone.Protocol.Rest;

namespace Cyclone.EndToEnd.Tests.Faults;

/// <summary>
/// The fault suite's work: over 2,000 tasks — short and long ones, job arrays, multi-node jobs, jobs cancelled while
/// they run, and a workflow DAG — sent by <see cref="Clients"/> concurrent clients, each on its own connection, that
/// try again (hub down, disk full) until the hub acknowledges. Every task records in a shared log when it runs.
/// </summary>
internal sealed class Workload
{
    public const int Clients = 50;
    public const int DagNodes = 300;

    private readonly Uri _hub;
    private readonly string _token;
    private readonly string _log;
    private readonly Random _random;
    private readonly ConcurrentBag<SubmittedWork> _acknowledged = [];
    private int _refusedWhileFull;

    public Workload(Uri hub, string token, string executionLog, int seed)
    {
        _hub = hub;
        _token = token;
        _log = executionLog;
        _random = new Random(seed);
    }

    public IReadOnlyCollection<SubmittedWork> Acknowledged => _acknowledged;

    /// <summary>Submissions the hub refused with 507 because its disk was full (each was tried again later).</summary>
    public int RefusedWhileFull => _refusedWhileFull;

    /// <summary>Sends everything, spread over <paramref name="spread"/>, and cancels the jobs meant to be cancelled.</summary>
    public async Task RunAsync(TimeSpan spread, CancellationToken ct)
    {
        var queue = new ConcurrentQueue<(string Kind, SubmitJobRequest Request, TimeSpan Delay)>(Plan(spread));
        var cancels = new ConcurrentBag<Task>();
        var workers = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            using var http = NewClient();
            while (queue.TryDequeue(out var item))
            {
                await Task.Delay(item.Delay, ct);
                var work = await SubmitAsync(http, item.Kind, item.Request, ct);
                _acknowledged.Add(work);
                if (item.Kind == "cancelled")
                {
                    cancels.Add(CancelLaterAsync(work, TimeSpan.FromMilliseconds(500 + (work.JobId % 8000)), ct));
                }
            }
        }, ct)).ToList();
        workers.Add(RunDagAsync(ct));
        await Task.WhenAll(workers);
        await Task.WhenAll(cancels);
    }

    /// <summary>Submits one short job once: true when the hub refused it because its disk is full (507, saying so).</summary>
    public async Task<bool> SubmitOnceAsync(CancellationToken ct)
    {
        using var http = NewClient();
        var request = Job("true");
        try
        {
            using var response = await http.PostAsync(new Uri("api/v1/jobs", UriKind.Relative), JsonContent.Create(request, options: ApiJson.Options), ct);
            var body = await AcceptAsync(response, "api/v1/jobs", ct);
            if (body is not null)
            {
                _acknowledged.Add(new SubmittedWork((long)body["jobId"]!, "probe", 1));
            }

            return response.StatusCode == HttpStatusCode.InsufficientStorage;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private List<(string, SubmitJobRequest, TimeSpan)> Plan(TimeSpan spread)
    {
        var plan = new List<(string Kind, SubmitJobRequest Request)>();
        for (var i = 0; i < 1000; i++)
        {
            plan.Add(("short", Job("sleep 0.05")));
        }

        for (var i = 0; i < 10; i++)
        {
            var array = Job("sleep 0.2");
            array.Array = "0-49%10";
            plan.Add(("array", array));
        }

        for (var i = 0; i < 150; i++)
        {
            plan.Add(("long", Job($"sleep {2 + (i % 4)}")));
        }

        for (var i = 0; i < 40; i++)
        {
            var wide = Job("sleep 1");
            wide.Nodes = 2;
            plan.Add(("multi-node", wide));
        }

        for (var i = 0; i < 30; i++)
        {
            plan.Add(("cancelled", Job("sleep 30")));
        }

        var shuffled = plan.OrderBy(_ => _random.Next()).ToList();
        var step = spread / shuffled.Count;
        return shuffled.Select(p => (p.Kind, p.Request, step * Clients)).ToList();
    }

    private SubmitJobRequest Job(string work) => new()
    {
        Command = ["sh", "-c", ExecutionRecord.Recorder(_log) + $"r S; {work}; r E"],
        Defer = true,
    };

    private async Task<SubmittedWork> SubmitAsync(HttpClient http, string kind, SubmitJobRequest request, CancellationToken ct)
    {
        var body = await PostUntilAcknowledgedAsync(http, "api/v1/jobs", () => JsonContent.Create(request, options: ApiJson.Options), ct);
        var jobId = (long)body["jobId"]!;
        return new SubmittedWork(jobId, kind, request.Nodes);
    }

    private async Task RunDagAsync(CancellationToken ct)
    {
        using var http = NewClient();
        var nodes = new JsonArray();
        var edges = new JsonArray();
        for (var i = 0; i < DagNodes; i++)
        {
            nodes.Add(new JsonObject { ["name"] = $"n{i}", ["command"] = new JsonArray("sh", "-c", ExecutionRecord.Recorder(_log) + "r S; sleep 0.1; r E") });
            for (var e = 0; e < 2 && i > 0; e++)
            {
                var from = _random.Next(Math.Max(0, i - 20), i);
                if (!edges.Any(x => (string?)x!["from"] == $"n{from}" && (string?)x["to"] == $"n{i}"))
                {
                    edges.Add(new JsonObject { ["from"] = $"n{from}", ["to"] = $"n{i}" });
                }
            }
        }

        var file = new JsonObject { ["nodes"] = nodes, ["edges"] = edges }.ToJsonString();
        await PutUntilAcknowledgedAsync(http, "api/v1/workflows/fault-dag?format=native", file, ct);
        var run = await PostUntilAcknowledgedAsync(http, "api/v1/workflows/fault-dag/runs", () => null, ct);
        _acknowledged.Add(new SubmittedWork((long)run["runId"]!, "dag", 1));
    }

    private async Task CancelLaterAsync(SubmittedWork work, TimeSpan after, CancellationToken ct)
    {
        await Task.Delay(after, ct);
        using var http = NewClient();
        await PostUntilAcknowledgedAsync(http, $"api/v1/jobs/{work.JobId}/cancel", () => null, ct);
        work.CancelledAt = DateTimeOffset.UtcNow;
    }

    private async Task<JsonNode> PostUntilAcknowledgedAsync(HttpClient http, string path, Func<HttpContent?> content, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content(), ct);
                if (await AcceptAsync(response, path, ct) is { } body)
                {
                    return body;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // the hub is down or restarting: try again
            }

            await Task.Delay(250, ct);
        }
    }

    private async Task PutUntilAcknowledgedAsync(HttpClient http, string path, string file, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                using var response = await http.PutAsync(new Uri(path, UriKind.Relative), new StringContent(file, Encoding.UTF8, "application/json"), ct);
                if (await AcceptAsync(response, path, ct) is not null)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // try again
            }

            await Task.Delay(250, ct);
        }
    }

    /// <summary>The answer's body when the hub acknowledged; null when it is worth trying again; throws when the request was wrong.</summary>
    private async Task<JsonNode?> AcceptAsync(HttpResponseMessage response, string path, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
        {
            return JsonNode.Parse(text)!;
        }

        if (response.StatusCode == HttpStatusCode.InsufficientStorage)
        {
            Interlocked.Increment(ref _refusedWhileFull);
            Assert.Contains("full", text, StringComparison.Ordinal);
            return null;
        }

        if ((int)response.StatusCode >= 500)
        {
            return null;
        }

        throw new InvalidOperationException($"POST {path} was refused: {(int)response.StatusCode} {text}");
    }

    private HttpClient NewClient()
    {
        var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }) { BaseAddress = _hub, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return http;
    }
}
