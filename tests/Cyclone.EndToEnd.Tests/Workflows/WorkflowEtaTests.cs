using System.Text;
using System.Text.Json.Nodes;
using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests.Workflows;

/// <summary><c>cyclone workflow status RUN</c> prints the ETA of a run that has not ended, from the run before it.</summary>
public sealed class WorkflowEtaTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Status_of_a_waiting_run_prints_an_eta_learned_from_an_earlier_run_of_the_same_nodes()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("eta", slots: 2);
        var path = Path.Combine(cluster.DataDirectory, "eta.json");
        await File.WriteAllTextAsync(path, """{ "nodes": [ { "name": "work", "command": ["sh", "-c", "sleep 2"] } ] }""", new UTF8Encoding(false));
        Assert.Equal(0, (await cluster.CliAsync("workflow", "publish", path, "-m", "first")).ExitCode);
        var first = await cluster.CliAsync("workflow", "execute", "eta", "--wait");
        Assert.True(first.ExitCode == 0, first.ToString());

        // the same node, now waiting behind a node that needs a label no agent has: the run cannot end
        await File.WriteAllTextAsync(path, """
            { "nodes": [ { "name": "gate", "command": ["true"], "labels": ["nowhere"] }, { "name": "work", "command": ["sh", "-c", "sleep 2"] } ],
              "edges": [ { "from": "gate", "to": "work" } ] }
            """, new UTF8Encoding(false));
        Assert.Equal(0, (await cluster.CliAsync("workflow", "publish", path, "-m", "gated")).ExitCode);
        var started = await cluster.CliAsync("workflow", "execute", "eta", "--json");
        Assert.True(started.ExitCode == 0, started.ToString());
        var run = (long)JsonNode.Parse(started.Stdout)!["runId"]!;

        var status = await cluster.CliAsync("workflow", "status", $"{run}");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("ETA: not before ", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 task(s) have no past runs", status.Stdout, StringComparison.Ordinal);

        using var http = cluster.Http();
        var estimate = JsonNode.Parse(await http.GetStringAsync(new Uri($"api/v1/runs/{run}/estimate", UriKind.Relative)))!;
        var work = estimate["tasks"]!.AsArray().Single(t => (string?)t!["name"] == "work")!;
        Assert.Equal("history", (string?)work["basis"]);
        Assert.Equal(1, (int)work["samples"]!);
        Assert.InRange((double)work["typicalSeconds"]!, 1.5, 60);
        Assert.Equal("unknown", (string?)estimate["tasks"]!.AsArray().Single(t => (string?)t!["name"] == "gate")!["basis"]);
        Assert.False((bool)estimate["complete"]!);
        var start = DateTimeOffset.Parse((string)work["estimatedStart"]!, System.Globalization.CultureInfo.InvariantCulture);
        var finish = DateTimeOffset.Parse((string)work["estimatedFinish"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((double)work["typicalSeconds"]!, (finish - start).TotalSeconds, 3);
    }
}
