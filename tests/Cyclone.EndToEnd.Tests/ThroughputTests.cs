using Cyclone.EndToEnd.Tests.Cluster;
using Cyclone.Protocol.Rest;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class ThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Thousand_short_tasks_complete_exactly_once_and_the_agent_with_more_slots_runs_more()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("small", slots: 1);
        await cluster.StartAgentAsync("big", slots: 3);

        using var gate = new SemaphoreSlim(16);
        var submissions = Enumerable.Range(0, 1000).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return (await cluster.Client.SubmitAsync(new SubmitJobRequest { Command = ["true"], Name = $"t{i}" }, CancellationToken.None)).JobId;
            }
            finally
            {
                gate.Release();
            }
        });
        var ids = await Task.WhenAll(submissions);
        Assert.Equal(1000, ids.Distinct().Count());

        await Eventually.UntilAsync(
            async () => (await cluster.Client.GetClusterAsync(CancellationToken.None)).JobsByState.GetValueOrDefault("COMPLETED") == 1000,
            TimeSpan.FromSeconds(180), "all 1,000 jobs completed");

        var tasks = new List<TaskDto>();
        for (var offset = 0; offset < 1000; offset += 500)
        {
            tasks.AddRange((await cluster.Client.ListTasksAsync(null, offset, 500, CancellationToken.None)).Items);
        }

        Assert.Equal(1000, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(("COMPLETED", 1), (t.State, t.Attempt)));
        var perAgent = tasks.GroupBy(t => Assert.Single(t.Agents)).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"small ran {perAgent.GetValueOrDefault("small")}, big ran {perAgent.GetValueOrDefault("big")}");
        Assert.True(perAgent.GetValueOrDefault("big") > perAgent.GetValueOrDefault("small"), $"big {perAgent.GetValueOrDefault("big")} vs small {perAgent.GetValueOrDefault("small")}");
    }
}
