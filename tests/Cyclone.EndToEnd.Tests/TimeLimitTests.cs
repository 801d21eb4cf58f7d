using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class TimeLimitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_job_past_its_time_limit_ends_in_timeout_with_its_process_tree_gone()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("worker", slots: 1);
        var pidFile = Path.Combine(cluster.DataDirectory, "child.pid");

        var run = await cluster.CliAsync("run", "--time", "0:02", "--wait", "--", "sh", "-c", $"sleep 300 & echo $! > {pidFile}; wait");

        Assert.True(run.ExitCode == 124, run.ToString());
        var job = await cluster.JobAsync(long.Parse(run.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("TIMEOUT", job.State);
        var child = await Processes.PidFromFileAsync(pidFile);
        await Eventually.UntilAsync(() => Task.FromResult(!Processes.IsAlive(child)), TimeSpan.FromSeconds(10), $"the grandchild sleep {child} is gone");
    }
}
