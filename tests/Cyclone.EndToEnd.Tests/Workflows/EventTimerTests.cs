using System.Text;
using System.Text.Json.Nodes;
using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests.Workflows;

public sealed class EventTimerTests(ITestOutputHelper output)
{
    private static async Task PublishAsync(TestCluster cluster, string name, string json)
    {
        var path = Path.Combine(cluster.DataDirectory, name + ".json");
        await File.WriteAllTextAsync(path, json, new UTF8Encoding(false));
        var published = await cluster.CliAsync("workflow", "publish", path, "--name", name);
        Assert.True(published.ExitCode == 0, published.ToString());
    }

    [Fact]
    public async Task A_node_waits_for_an_event_whose_data_becomes_its_input_and_an_event_triggers_a_workflow()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("a", slots: 2);
        await PublishAsync(cluster, "waiting", """
            { "nodes": [ { "name": "gate", "event": "data-ready" },
                         { "name": "use", "command": ["sh", "-c", "echo \"{\\\"got\\\": $CYCLONE_INPUT_FILES}\" > \"$CYCLONE_OUTPUTS\""],
                           "inputPorts": { "files": "any" }, "outputs": { "got": "any" } } ],
              "edges": [ { "from": "gate", "output": "data", "to": "use", "input": "files" } ] }
            """);
        await PublishAsync(cluster, "triggered", """{ "triggers": { "events": ["data-ready"] }, "nodes": [ { "name": "t", "command": ["true"] } ] }""");
        var runId = (long)JsonNode.Parse((await cluster.CliAsync("workflow", "execute", "waiting", "--json")).Stdout)!["runId"]!;
        var waiting = await cluster.CliAsync("event", "status");
        Assert.Contains("waiting for data-ready", waiting.Stdout, StringComparison.Ordinal);
        Assert.Contains("data-ready starts: triggered", waiting.Stdout, StringComparison.Ordinal);

        var push = await cluster.CliAsync("event", "push", "data-ready", "--data", "[1, 2, 3]");
        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains("completed 1 waiting node(s) and started run(s)", push.Stdout, StringComparison.Ordinal);

        var status = await Eventually.UntilAsync(async () =>
        {
            var s = await cluster.Client.RunStatusAsync(runId, CancellationToken.None);
            return s.State == "COMPLETED" ? s : null;
        }, TimeSpan.FromSeconds(60), "the waiting run completes");
        Assert.Equal("[1,2,3]", status.Nodes[1].Outputs!["got"]!.ToJsonString());
        var runs = await cluster.Client.ListJobsAsync(null, null, 0, 10, CancellationToken.None);
        Assert.Contains(runs.Items, j => j.Workflow == "triggered");
    }

    [Fact]
    public async Task A_timer_fires_events_and_one_missed_while_the_hub_was_down_fires_once_at_start()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        var start = await cluster.CliAsync("timer", "start", "--every", "2s", "--event", "tick");
        Assert.True(start.ExitCode == 0, start.ToString());
        await Eventually.UntilAsync(async () => (await cluster.Client.EventsStatusAsync("tick", 10, CancellationToken.None)).Recent.Count >= 1,
            TimeSpan.FromSeconds(30), "the timer fired");

        var once = await cluster.CliAsync("timer", "start", "--in", "3s", "--event", "later");
        Assert.True(once.ExitCode == 0, once.ToString());
        var due = (await cluster.Client.TimersStatusAsync(all: false, CancellationToken.None)).Single(t => t.Kind == "in").NextAt!.Value;
        cluster.Hub!.Signal("KILL");
        Assert.True(await cluster.Hub.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        await Eventually.UntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow > due.AddSeconds(1)), TimeSpan.FromSeconds(30), "the one-shot timer is due while the hub is down");
        await cluster.StartHubAsync();

        var fired = await Eventually.UntilAsync(async () =>
        {
            var timers = await cluster.Client.TimersStatusAsync(all: true, CancellationToken.None);
            return timers.FirstOrDefault(t => t.Kind == "in" && t.Fired == 1);
        }, TimeSpan.FromSeconds(30), "the missed one-shot timer fired at start");
        Assert.False(fired.Active);
        Assert.Contains("while the hub was down", fired.LastNote, StringComparison.Ordinal);
        Assert.Single((await cluster.Client.EventsStatusAsync("later", 10, CancellationToken.None)).Recent);
        var status = await cluster.CliAsync("timer", "status");
        Assert.Contains("every 2s", status.Stdout, StringComparison.Ordinal);
    }
}
