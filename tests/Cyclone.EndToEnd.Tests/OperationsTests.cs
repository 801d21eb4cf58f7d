using System.Text.Json.Nodes;
using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class OperationsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Operators_clear_the_queue_cancel_a_runners_work_retire_it_and_stop_the_hub()
    {
        await using var cluster = new TestCluster(output);
        var hub = await cluster.StartHubAsync();
        var agent = await cluster.StartAgentAsync("w1", slots: 1);
        var running = await cluster.SubmitAsync("--", "sleep", "300");
        await cluster.WaitForJobAsync(running, "RUNNING");
        var waiting = await cluster.SubmitAsync("--", "true");
        var blocked = await cluster.SubmitAsync("-d", $"afterok:{running}", "--", "true");

        var status = await cluster.CliAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("agents: 1 up", status.Stdout, StringComparison.Ordinal);

        var clear = await cluster.CliAsync("queue", "clear");
        Assert.Contains("2 waiting task(s) cancelled", clear.Stdout, StringComparison.Ordinal);
        await cluster.WaitForJobAsync(waiting, "CANCELLED");
        await cluster.WaitForJobAsync(blocked, "CANCELLED");
        Assert.Equal("RUNNING", (await cluster.JobAsync(running)).State);

        var cancel = await cluster.CliAsync("runners", "cancel", "w1");
        Assert.Contains("1 task(s) running on w1 cancelled", cancel.Stdout, StringComparison.Ordinal);
        await cluster.WaitForJobAsync(running, "CANCELLED");

        using var http = cluster.Http();
        var openApi = JsonNode.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        foreach (var path in new[] { "/api/v1/workflow/publish", "/api/v1/workflows/{name}", "/api/v1/events/push", "/api/v1/timers/start", "/api/v1/admin/cancel_all", "/api/v1/runners/shutdown" })
        {
            Assert.True(openApi["paths"]![path] is not null, $"{path} is documented");
        }

        var retire = await cluster.CliAsync("runners", "shutdown", "w1");
        Assert.True(retire.ExitCode == 0, retire.ToString());
        Assert.True(await agent.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the agent left");
        Assert.Equal(1, (await cluster.CliAsync("runners", "shutdown", "w1")).ExitCode);

        var stop = await cluster.CliAsync("admin", "shutdown");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.True(await hub.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the hub stopped");
    }
}
