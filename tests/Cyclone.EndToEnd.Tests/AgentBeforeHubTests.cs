using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class AgentBeforeHubTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_agent_started_before_the_hub_says_it_retries_and_joins_once_the_hub_is_up()
    {
        await using var cluster = new TestCluster(output);
        var first = await cluster.StartHubAsync(); // once, to create the agent token; then the hub is down again
        first.Signal("KILL");
        await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var agent = cluster.LaunchAgent("early", slots: 1);
        await Eventually.UntilAsync(() => Task.FromResult(agent.Log.Contains("not reachable", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the agent says the hub is not reachable");

        await cluster.StartHubAsync();
        await cluster.WaitForAgentAsync("early", "UP");

        var run = await cluster.CliAsync("run", "--wait", "--", "true");
        Assert.True(run.ExitCode == 0, run.ToString());
    }
}
