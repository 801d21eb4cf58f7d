using System.Text;
using System.Text.Json.Nodes;
using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests.Workflows;

public sealed class WorkflowGraphTests(ITestOutputHelper output)
{
    private static async Task<string> WriteAsync(TestCluster cluster, string name, string json)
    {
        var path = Path.Combine(cluster.DataDirectory, name);
        await File.WriteAllTextAsync(path, json, new UTF8Encoding(false));
        return path;
    }

    private static async Task<JsonNode> RunAsync(TestCluster cluster, string name, string json, bool expectSuccess)
    {
        var publish = await cluster.CliAsync("workflow", "publish", await WriteAsync(cluster, name + ".json", json), "--name", name);
        Assert.True(publish.ExitCode == 0, publish.ToString());
        var run = await cluster.CliAsync("workflow", "execute", name, "--wait", "--json");
        Assert.True((run.ExitCode == 0) == expectSuccess, run.ToString());
        return JsonNode.Parse(run.Stdout)!;
    }

    private static Dictionary<string, JsonNode> Nodes(JsonNode status) =>
        status["nodes"]!.AsArray().ToDictionary(n => (string)n!["name"]!, n => n!);

    [Fact]
    public async Task Data_flows_from_command_tasks_through_typed_tasks_into_command_tasks()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a", slots: 2);
        var status = await RunAsync(cluster, "data", """
            {
              "nodes": [
                { "name": "produce", "command": ["sh", "-c", "echo '{\"n\": 4}' > \"$CYCLONE_OUTPUTS\""], "outputs": { "n": "integer" } },
                { "name": "square", "task": "math.Power", "inputs": { "exponent": 2 } },
                { "name": "report", "command": ["sh", "-c", "echo \"{\\\"seen\\\": $CYCLONE_INPUT_X}\" > \"$CYCLONE_OUTPUTS\"; cat \"$CYCLONE_INPUTS\""],
                  "inputPorts": { "x": "number" }, "outputs": { "seen": "number" } }
              ],
              "edges": [
                { "from": "produce", "output": "n", "to": "square", "input": "base" },
                { "from": "square", "output": "result", "to": "report", "input": "x" }
              ]
            }
            """, expectSuccess: true);
        var nodes = Nodes(status);
        Assert.Equal(16.0, (double)nodes["square"]["outputs"]!["result"]!);
        Assert.Equal(16.0, (double)nodes["report"]["outputs"]!["seen"]!);
    }

    [Fact]
    public async Task A_failure_in_the_middle_of_a_diamond_fails_what_is_below_and_the_independent_branch_completes()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a", slots: 4);
        var status = await RunAsync(cluster, "diamond", """
            {
              "nodes": [
                { "name": "top", "command": ["true"] },
                { "name": "left", "command": ["false"] },
                { "name": "right", "command": ["true"] },
                { "name": "bottom", "command": ["true"] },
                { "name": "below", "command": ["true"] },
                { "name": "cleanup", "command": ["true"] },
                { "name": "onfail", "command": ["true"] },
                { "name": "onsuccess", "command": ["true"] },
                { "name": "independent", "command": ["true"] }
              ],
              "edges": [
                { "from": "top", "to": "left" }, { "from": "top", "to": "right" },
                { "from": "left", "to": "bottom" }, { "from": "right", "to": "bottom" },
                { "from": "bottom", "to": "below" },
                { "from": "bottom", "to": "cleanup", "condition": "afterany" },
                { "from": "left", "to": "onfail", "condition": "afternotok" },
                { "from": "left", "to": "onsuccess", "condition": "afterok" }
              ]
            }
            """, expectSuccess: false);
        var states = Nodes(status).ToDictionary(p => p.Key, p => (string)p.Value["state"]!);
        Assert.Equal("COMPLETED", states["top"]);
        Assert.Equal("FAILED", states["left"]);
        Assert.Equal("COMPLETED", states["right"]);
        Assert.Equal("UPSTREAM_FAILED", states["bottom"]);
        Assert.Equal("UPSTREAM_FAILED", states["below"]);
        Assert.Equal("COMPLETED", states["cleanup"]);
        Assert.Equal("COMPLETED", states["onfail"]);
        Assert.Equal("UPSTREAM_FAILED", states["onsuccess"]);
        Assert.Equal("COMPLETED", states["independent"]);
    }

    [Fact]
    public async Task Cancelling_a_run_mid_way_cancels_its_running_and_waiting_nodes()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a", slots: 2);
        var path = await WriteAsync(cluster, "slow.json", """
            { "nodes": [ { "name": "first", "command": ["true"] }, { "name": "slow", "command": ["sleep", "300"] }, { "name": "after", "command": ["true"] } ],
              "edges": [ { "from": "first", "to": "slow" }, { "from": "slow", "to": "after" } ] }
            """);
        Assert.Equal(0, (await cluster.CliAsync("workflow", "publish", path, "--name", "slow")).ExitCode);
        var started = JsonNode.Parse((await cluster.CliAsync("workflow", "execute", "slow", "--json")).Stdout)!;
        var runId = (long)started["runId"]!;
        await Eventually.UntilAsync(async () => (await cluster.Client.RunStatusAsync(runId, CancellationToken.None)).Nodes[1].State == "RUNNING",
            TimeSpan.FromSeconds(60), "the slow node runs");

        var cancel = await cluster.CliAsync("workflow", "cancel", $"{runId}");
        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        var status = await Eventually.UntilAsync(async () =>
        {
            var s = await cluster.Client.RunStatusAsync(runId, CancellationToken.None);
            return s.Job.EndedAt is null ? null : s;
        }, TimeSpan.FromSeconds(30), "the run ends");
        Assert.Equal(["COMPLETED", "CANCELLED", "CANCELLED"], status.Nodes.Select(n => n.State));
    }
}
