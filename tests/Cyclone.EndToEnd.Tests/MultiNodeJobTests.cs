using Cyclone.EndToEnd.Tests.Cluster;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

public sealed class MultiNodeJobTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_node_two_process_job_sees_its_ranks_on_distinct_agents()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("left", slots: 2);
        await cluster.StartAgentAsync("right", slots: 2);

        var run = await cluster.CliAsync("run", "-n", "2", "-p", "2", "--wait", "--", "sh", "-c",
            "echo \"rank $CYCLONE_NODEID $CYCLONE_PROCID $CYCLONE_NNODES $CYCLONE_NPROCS $CYCLONE_NODELIST $CM_NODE_RANK $CM_PROC_RANK $CYCLONE_JOB_ID\"");
        Assert.True(run.ExitCode == 0, run.ToString());
        var jobId = run.Stdout.Trim();

        var logs = await cluster.CliAsync("logs", jobId);
        Assert.Equal(0, logs.ExitCode);
        var lines = logs.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("rank ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal(["0", "1"], lines.Select(l => l[1]).Distinct().Order());
        Assert.Equal(["0", "1", "2", "3"], lines.Select(l => l[2]).Order());
        Assert.All(lines, l =>
        {
            Assert.Equal(("2", "4", jobId), (l[3], l[4], l[8]));
            Assert.Equal(["left", "right"], l[5].Split(',').Order());
            Assert.Equal((l[1], l[2]), (l[6], l[7])); // CM_* ranks mirror CYCLONE_NODEID / CYCLONE_PROCID
        });
        var job = await cluster.JobAsync(long.Parse(jobId, System.Globalization.CultureInfo.InvariantCulture));
        var agents = Assert.Single(job.Tasks!).Agents;
        Assert.Equal(["left", "right"], agents.Order());
    }

    [Fact]
    public async Task A_job_wider_than_the_cluster_can_ever_be_is_refused_instead_of_waiting()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        await cluster.StartAgentAsync("only", slots: 2);

        var run = await cluster.CliAsync("run", "-n", "3", "--", "true");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("3 distinct agent(s)", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await cluster.Client.ListJobsAsync(null, null, 0, 10, CancellationToken.None)).Total);
    }
}
