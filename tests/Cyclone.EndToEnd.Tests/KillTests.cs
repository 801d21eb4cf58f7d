using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class KillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Kill_stops_a_running_job_and_its_processes()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("worker", slots: 1);
        var pidFile = Path.Combine(cluster.DataDirectory, "sleep.pid");
        var id = await cluster.SubmitAsync("--", "sh", "-c", $"echo $$ > {pidFile}; exec sleep 300");
        await cluster.WaitForJobAsync(id, "RUNNING");
        var pid = await Processes.PidFromFileAsync(pidFile);

        var kill = await cluster.CliAsync("kill", $"{id}");

        Assert.True(kill.ExitCode == 0, kill.ToString());
        await cluster.WaitForJobAsync(id, "CANCELLED");
        await Eventually.UntilAsync(() => Task.FromResult(!Processes.IsAlive(pid)), TimeSpan.FromSeconds(10), $"sleep {pid} is gone");
        var again = await cluster.CliAsync("kill", $"{id}");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already ended (CANCELLED)", again.Stdout, StringComparison.Ordinal);
        var waited = await cluster.CliAsync("run", "--wait", "--", "true");
        Assert.Equal(0, waited.ExitCode); // the slot is free again
    }
}
