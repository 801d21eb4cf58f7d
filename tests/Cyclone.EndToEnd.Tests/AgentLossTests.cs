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

        // the first attempt hangs (so it is surely running when the agent goes); a redispatched one finishes at once
        var script = $"if [ \"$CYCLONE_ATTEMPT\" = 1 ]; then echo $$ > {cluster.DataDirectory}/$CYCLONE_JOB_ID.pid; exec sleep 60; fi";
        var stranded = new List<long>();
        for (var i = 0; i < 2; i++)
        {
            stranded.Add(await cluster.SubmitAsync("--", "sh", "-c", script));
        }

        var pids = new List<int>();
        foreach (var id in stranded)
        {
            await cluster.WaitForJobAsync(id, "RUNNING");
            pids.Add(await Processes.PidFromFileAsync(Path.Combine(cluster.DataDirectory, $"{id}.pid")));
        }

        await cluster.StartAgentAsync("survivor", slots: 2);
        var later = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            later.Add(await cluster.SubmitAsync("--", "sh", "-c", "sleep 1"));
        }

        doomed.Signal(signal);

        foreach (var id in stranded.Concat(later))
        {
            await cluster.WaitForJobAsync(id, "COMPLETED", TimeSpan.FromSeconds(90));
        }

        foreach (var id in stranded)
        {
            var task = Assert.Single((await cluster.JobAsync(id)).Tasks!);
            Assert.Equal((2, "survivor"), (task.Attempt, Assert.Single(task.Agents))); // redispatched as a new attempt
        }

        if (signal == "STOP")
        {
            // thawed, the agent is told its attempts are stale and kills them; the jobs stay completed
            doomed.Signal("CONT");
            foreach (var pid in pids)
            {
                await Eventually.UntilAsync(() => Task.FromResult(!Processes.IsAlive(pid)), TimeSpan.FromSeconds(30), $"stale attempt process {pid} is stopped");
            }

            Assert.All(await Task.WhenAll(stranded.Select(cluster.JobAsync)), j => Assert.Equal("COMPLETED", j.State));
        }
        else
        {
            foreach (var pid in pids)
            {
                KillOrphan(pid);
            }
        }
    }

    /// <summary>Processes of an agent killed with SIGKILL live on as orphans (as on a real host); the test cleans them up.</summary>
    private static void KillOrphan(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // already gone
        }
    }
}
