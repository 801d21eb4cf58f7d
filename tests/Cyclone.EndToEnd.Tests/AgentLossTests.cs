using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class AgentLossTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("KILL")]
    [InlineData("STOP")]
    public async Task An_agent_killed_or_frozen_mid_run_loses_no_work(string signal)
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        var doomed = await cluster.StartAgentAsync("doomed", slots: 2);
        var jobs = new List<long>();
        for (var i = 0; i < 2; i++)
        {
            jobs.Add(await cluster.SubmitAsync("--", "sleep", "2"));
        }

        foreach (var id in jobs)
        {
            await cluster.WaitForJobAsync(id, "RUNNING");
        }

        await cluster.StartAgentAsync("survivor", slots: 2);
        for (var i = 0; i < 4; i++)
        {
            jobs.Add(await cluster.SubmitAsync("--", "sleep", "2"));
        }

        doomed.Signal(signal);

        foreach (var id in jobs)
        {
            await cluster.WaitForJobAsync(id, "COMPLETED", TimeSpan.FromSeconds(90));
        }

        var first = Assert.Single((await cluster.JobAsync(jobs[0])).Tasks!);
        Assert.Equal(2, first.Attempt); // redispatched as a new attempt
        Assert.Equal(["survivor"], first.Agents);
        if (signal == "STOP")
        {
            // thawed, the stale agent's reports change nothing
            doomed.Signal("CONT");
            await cluster.WaitForAgentAsync("doomed", "UP");
            Assert.All(await Task.WhenAll(jobs.Select(cluster.JobAsync)), j => Assert.Equal("COMPLETED", j.State));
        }
    }
}
