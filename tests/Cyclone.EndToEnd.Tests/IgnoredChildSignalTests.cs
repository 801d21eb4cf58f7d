using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class IgnoredChildSignalTests(ITestOutputHelper output)
{
    /// <summary>
    /// A process started with SIGCHLD ignored (some supervisors and shells do that) has its children reaped by the kernel,
    /// and their exit status lost, unless it puts SIGCHLD back to its default first.
    /// </summary>
    [Fact]
    public async Task An_agent_started_with_child_signals_ignored_still_reports_each_tasks_exit_code()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        cluster.LaunchAgent("worker", 2, null, null, cluster.HubUrl, ["env", "--ignore-signal=CHLD"]);
        await cluster.WaitForAgentAsync("worker", "UP");

        var ok = await cluster.CliAsync("run", "--wait", "--", "true");
        var three = await cluster.CliAsync("run", "--wait", "--", "sh", "-c", "exit 3");

        Assert.True(ok.ExitCode == 0, ok.ToString());
        var failed = await cluster.JobAsync(long.Parse(three.Stdout.Trim().Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("FAILED", 3), (failed.State, failed.ExitCode));
    }
}
