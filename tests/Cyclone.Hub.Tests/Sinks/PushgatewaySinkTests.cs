using System.Text.Json.Nodes;
using Cyclone.Hub.Sinks;
using Cyclone.Tests.Shared;

namespace Cyclone.Hub.Tests.Sinks;

/// <summary>The Pushgateway sink against a real Prometheus Pushgateway.</summary>
public sealed class PushgatewaySinkTests(PushgatewayFixture pushgateway) : IClassFixture<PushgatewayFixture>
{
    private static CancellationToken Ct => CancellationToken.None;

    private static JsonObject Metrics(long task, double used) => new()
    {
        ["push"] = new JsonArray(
            new JsonObject { ["name"] = "lustre_ost_used_bytes", ["value"] = used, ["labels"] = new JsonObject { ["ost"] = $"{task % 3}" }, ["help"] = "Bytes used on an OST" },
            new JsonObject { ["name"] = "lustre_check_ok", ["value"] = 1, ["labels"] = new JsonObject { ["instance"] = "mds1" } }),
    };

    [ServiceFact("pushgateway")]
    public async Task Pushed_metrics_are_readable_from_the_pushgateway_grouped_by_job_and_instance()
    {
        await using var results = await ResultStore.OpenAsync();
        var (jobId, tasks) = await results.SubmitAsync(6);
        await results.CompleteAsync(jobId, tasks.Take(3), attempt: 1, id => Metrics(id, id * 1000), agent: "oss-a");
        await results.CompleteAsync(jobId, tasks.Skip(3), attempt: 1, id => Metrics(id, id * 1000), agent: "oss-b");
        var options = new SinkOptions { Kind = SinkKind.Pushgateway, Url = pushgateway.Server.Address.ToString(), Job = "lustre", FlushInterval = TimeSpan.FromMilliseconds(50) };
        using var http = new HttpClient();

        await using (var run = new SinkRun("push", options, new PushgatewayResultSink(options, http), results.Store))
        {
            await Eventually.TrueAsync(() => run.Pump.Delivered == 12, "every metric is pushed", TimeSpan.FromMinutes(1));
        }

        var scraped = await pushgateway.Server.ScrapeAsync(Ct);
        // a series per agent (instance) and OST, the last task's value winning; the metric's own instance label wins
        foreach (var (agent, group) in new[] { ("oss-a", tasks.Take(3)), ("oss-b", tasks.Skip(3)) })
        {
            foreach (var task in group)
            {
                Assert.Contains($"lustre_ost_used_bytes{{instance=\"{agent}\",job=\"lustre\",ost=\"{task % 3}\"}} {task * 1000}", scraped, StringComparison.Ordinal);
            }
        }

        Assert.Contains("# HELP lustre_ost_used_bytes Bytes used on an OST", scraped, StringComparison.Ordinal);
        Assert.Contains("lustre_check_ok{instance=\"mds1\",job=\"lustre\"} 1", scraped, StringComparison.Ordinal);
        Assert.DoesNotContain("lustre_check_ok{instance=\"oss-", scraped, StringComparison.Ordinal);
    }

    [ServiceFact("pushgateway")]
    public async Task A_push_the_pushgateway_refuses_fails_with_its_answer_and_the_address()
    {
        var options = new SinkOptions { Kind = SinkKind.Pushgateway, Url = new Uri(pushgateway.Server.Address, "/not-a-gateway").ToString(), Job = "lustre" };
        using var http = new HttpClient();
        var sink = new PushgatewayResultSink(options, http);
        var record = new Storage.Contract.ResultRecord(1, 1, 1, 1, "push", "a", "[]", DateTimeOffset.UnixEpoch);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(
            () => sink.DeliverAsync([new SinkSet(record, [new JsonObject { ["name"] = "m", ["value"] = 1 }])], Ct));
        Assert.Contains("the Pushgateway answered 404 to POST /metrics/job/lustre/instance/a", refused.Message, StringComparison.Ordinal);
    }
}
