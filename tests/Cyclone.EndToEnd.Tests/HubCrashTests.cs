using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class HubCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_hub_with_sigkill_and_restarting_it_loses_no_job()
    {
        await using var cluster = new TestCluster(output);
        var hub = await cluster.StartHubAsync();
        await cluster.StartAgentAsync("worker", slots: 2);
        var jobs = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            jobs.Add(await cluster.SubmitAsync("--", "sleep", "2"));
        }

        await Eventually.UntilAsync(
            async () => (await cluster.Client.ListJobsAsync(["RUNNING"], null, 0, 1, CancellationToken.None)).Total > 0,
            TimeSpan.FromSeconds(30), "a job runs");
        hub.Signal("KILL");
        Assert.True(await hub.WaitForExitAsync(TimeSpan.FromSeconds(10)));

        await cluster.StartHubAsync();

        foreach (var id in jobs)
        {
            await cluster.WaitForJobAsync(id, "COMPLETED", TimeSpan.FromSeconds(90));
        }

        var listed = await cluster.Client.ListJobsAsync(null, null, 0, 100, CancellationToken.None);
        Assert.Equal(jobs.Order(), listed.Items.Select(j => j.Id).Order());
    }
}
