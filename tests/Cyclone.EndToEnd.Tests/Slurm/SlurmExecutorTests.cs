using Cyclone.EndToEnd.Tests.Cluster;
using Cyclone.Tests.Shared;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests.Slurm;

/// <summary>An agent with <c>--executor slurm</c> runs each task as a job of a real Slurm, with real hub and agent processes.</summary>
[Collection(SlurmCollection.Name)]
[Trait("Category", "slurm")]
public sealed class SlurmExecutorTests(SlurmFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan JobDeadline = TimeSpan.FromSeconds(120);

    /// <summary>Each test's agent has a name of its own: task ids start at 1 on every new hub, but the Slurm cluster is shared.</summary>
    private readonly string _agent = $"login-{Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task A_task_runs_as_a_Slurm_job_and_its_output_and_exit_code_arrive()
    {
        if (Skip() is not { } slurm)
        {
            return;
        }

        await using var cluster = await StartAsync(slurm);
        var run = await cluster.CliAsync(JobDeadline, "run", "--wait", "--", "sh", "-c", "echo hello from job $SLURM_JOB_ID on $SLURMD_NODENAME; echo to stderr >&2");
        Assert.True(run.ExitCode == 0, run.ToString());
        var id = long.Parse(run.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var task = await TaskOfAsync(cluster, id);

        var jobs = await slurm.JobsOfAsync(_agent, task, CancellationToken.None);
        var job = Assert.Single(jobs);
        Assert.Equal($"cyclone-{task}-1-0", job.Name);
        Assert.Equal("COMPLETED", job.State);
        var logs = await cluster.CliAsync("logs", $"{id}");
        Assert.Contains($"hello from job {job.Id} on {slurm.NodeName}", logs.Stdout, StringComparison.Ordinal);
        Assert.Contains("to stderr", logs.Stderr, StringComparison.Ordinal);

        var failed = await cluster.CliAsync(JobDeadline, "run", "--wait", "--", "sh", "-c", "exit 3");
        Assert.Equal(3, failed.ExitCode);
        Assert.Equal(3, (await cluster.JobAsync(long.Parse(failed.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture))).ExitCode);
    }

    [Fact]
    public async Task A_multi_process_task_runs_its_processes_as_srun_ranks_with_Cyclone_rank_variables()
    {
        if (Skip() is not { } slurm)
        {
            return;
        }

        await using var cluster = await StartAsync(slurm);
        var run = await cluster.CliAsync(JobDeadline, "run", "-p", "2", "--wait", "--", "sh", "-c", "echo rank $CYCLONE_PROCID of $CYCLONE_NPROCS local $CYCLONE_LOCALID cm $CM_PROC_RANK srun $SLURM_PROCID of $SLURM_NTASKS");
        Assert.True(run.ExitCode == 0, run.ToString());

        var logs = await cluster.CliAsync("logs", run.Stdout.Trim());
        Assert.Contains("rank 0 of 2 local 0 cm 0 srun 0 of 2", logs.Stdout, StringComparison.Ordinal);
        Assert.Contains("rank 1 of 2 local 1 cm 1 srun 1 of 2", logs.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_time_limit_ends_the_task_as_TIMEOUT_and_cancels_its_Slurm_job()
    {
        if (Skip() is not { } slurm)
        {
            return;
        }

        await using var cluster = await StartAsync(slurm);
        var id = await cluster.SubmitAsync("--time", "0:03", "--", "sleep", "300");

        await cluster.WaitForJobAsync(id, "TIMEOUT", JobDeadline);
        var task = await TaskOfAsync(cluster, id);
        await Eventually.UntilAsync(
            async () => (await slurm.JobsOfAsync(_agent, task, CancellationToken.None)).SingleOrDefault().State is "CANCELLED" or "TIMEOUT",
            JobDeadline, $"the Slurm job of task {task} has ended");
    }

    [Fact]
    public async Task Kill_cancels_the_Slurm_job_with_scancel()
    {
        if (Skip() is not { } slurm)
        {
            return;
        }

        await using var cluster = await StartAsync(slurm);
        var id = await cluster.SubmitAsync("--", "sleep", "300");
        var task = await TaskOfAsync(cluster, id);
        await Eventually.UntilAsync(
            async () => (await slurm.JobsOfAsync(_agent, task, CancellationToken.None)).Any(j => j.State == "RUNNING"),
            JobDeadline, $"the Slurm job of task {task} runs");

        var kill = await cluster.CliAsync("kill", $"{id}");

        Assert.True(kill.ExitCode == 0, kill.ToString());
        await cluster.WaitForJobAsync(id, "CANCELLED", JobDeadline);
        await Eventually.UntilAsync(
            async () => (await slurm.JobsOfAsync(_agent, task, CancellationToken.None)).Single().State == "CANCELLED",
            JobDeadline, $"Slurm has cancelled the job of task {task}");
    }

    [Fact]
    public async Task An_agent_killed_mid_run_and_restarted_takes_its_Slurm_job_up_again_without_losing_or_repeating_the_task()
    {
        if (Skip() is not { } slurm)
        {
            return;
        }

        await using var cluster = new TestCluster(output);
        cluster.HubEnvironment["CYCLONE_Hub__LeaseTimeout"] = "00:01:00"; // the agent comes back before its lease runs out
        await cluster.StartHubAsync();
        var agent = cluster.LaunchSlurmAgent(_agent, slots: 4, slurm);
        await cluster.WaitForAgentAsync(_agent, "UP");
        var marker = Path.Combine(cluster.DataDirectory, "release");
        var id = await cluster.SubmitAsync("--", "sh", "-c", $"echo started; while [ ! -e {marker} ]; do sleep 0.2; done; echo finished");
        var task = await TaskOfAsync(cluster, id);
        await Eventually.UntilAsync(
            async () => (await cluster.CliAsync("logs", $"{id}")).Stdout.Contains("started", StringComparison.Ordinal),
            JobDeadline, "the task has started in Slurm and its first line arrived");

        agent.Signal("KILL");
        await agent.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await File.WriteAllTextAsync(marker, "go"); // the job goes on without its agent, and finishes
        cluster.LaunchSlurmAgent(_agent, slots: 4, slurm);

        var job = await cluster.WaitForJobAsync(id, "COMPLETED", JobDeadline);
        Assert.Equal(0, job.ExitCode);
        var state = Assert.Single((await cluster.Client.WaitForJobAsync(id, TimeSpan.Zero, withTasks: true, CancellationToken.None)).Tasks!);
        Assert.Equal(1, state.Attempt);
        var slurmJob = Assert.Single(await slurm.JobsOfAsync(_agent, task, CancellationToken.None));
        Assert.Equal("COMPLETED", slurmJob.State);
        var logs = (await cluster.CliAsync("logs", $"{id}")).Stdout;
        Assert.Equal(1, CountOf(logs, "started"));
        Assert.Equal(1, CountOf(logs, "finished"));
    }

    internal static async Task<long> TaskOfAsync(TestCluster cluster, long job) =>
        Assert.Single((await cluster.Client.WaitForJobAsync(job, TimeSpan.Zero, withTasks: true, CancellationToken.None)).Tasks!).Id;

    private static int CountOf(string text, string word) =>
        text.Split('\n').Count(l => l.Trim() == word);

    private async Task<TestCluster> StartAsync(SlurmCluster slurm)
    {
        var cluster = new TestCluster(output);
        try
        {
            await cluster.StartHubAsync();
            cluster.LaunchSlurmAgent(_agent, slots: 4, slurm);
            await cluster.WaitForAgentAsync(_agent, "UP");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync(); // its processes end with the failed test
            throw;
        }
    }

    private SlurmCluster? Skip()
    {
        if (fixture.Cluster is null)
        {
            output.WriteLine($"SKIPPED (passes without running): {SlurmCluster.Missing}");
        }

        return fixture.Cluster;
    }
}
