using Cyclone.EndToEnd.Tests.Cluster;
using Cyclone.Tests.Shared;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests.Slurm;

/// <summary>
/// What else a Slurm agent runs as Slurm jobs, against a real Slurm: a task of several nodes as one job, a typed task
/// through <c>cyclone task exec</c>, and output patterns written as the process executor writes them.
/// </summary>
[Collection(SlurmCollection.Name)]
[Trait("Category", "slurm")]
public sealed class SlurmTaskShapeTests(SlurmFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan JobDeadline = TimeSpan.FromSeconds(120);

    private readonly string _agent = $"login-{Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task A_two_node_task_is_leased_whole_to_one_Slurm_agent_and_submitted_as_one_Slurm_job_of_two_nodes()
    {
        if (Skip() is not { } slurm)
        {
            return;
        }

        // the test's Slurm has one live node (and one that never comes up), so the job is taken and stays pending
        await using var cluster = await StartAsync(slurm, new Dictionary<string, string> { ["CYCLONE_Agent__Slurm__MaxNodes"] = "2" });
        var id = await cluster.SubmitAsync("-n", "2", "-p", "2", "--", "sleep", "300");
        var task = await SlurmExecutorTests.TaskOfAsync(cluster, id);
        await Eventually.UntilAsync(
            async () => (await slurm.JobsOfAsync(_agent, task, CancellationToken.None)).Count > 0, JobDeadline, $"Slurm has a job for task {task}");

        var job = Assert.Single(await slurm.JobsOfAsync(_agent, task, CancellationToken.None));
        Assert.Equal($"cyclone-{task}-1-0", job.Name);
        var shape = (await slurm.CommandAsync("squeue", ["-h", "-j", $"{job.Id}", "-o", "%D|%C|%T"], CancellationToken.None)).Trim();
        Assert.StartsWith("2|4|", shape, StringComparison.Ordinal); // two nodes, two processes on each
        var state = Assert.Single((await cluster.Client.WaitForJobAsync(id, TimeSpan.Zero, withTasks: true, CancellationToken.None)).Tasks!);
        Assert.Equal(("RUNNING", 1), (state.State, state.Attempt));
        Assert.Equal([_agent, _agent], state.Agents);

        var kill = await cluster.CliAsync("kill", $"{id}");
        Assert.True(kill.ExitCode == 0, kill.ToString());
        await cluster.WaitForJobAsync(id, "CANCELLED", JobDeadline);
        await Eventually.UntilAsync(
            async () => (await slurm.JobsOfAsync(_agent, task, CancellationToken.None)).Single().State == "CANCELLED",
            JobDeadline, $"Slurm has cancelled the two-node job of task {task}");
    }

    [Fact]
    public async Task A_typed_task_runs_as_a_Slurm_job_through_the_cyclone_program_and_its_result_arrives()
    {
        if (Skip() is not { } slurm)
        {
            return;
        }

        await using var cluster = await StartAsync(slurm);
        var power = await cluster.CliAsync(JobDeadline, "run", "--task", "math.Power", "--param", "base=2", "--param", "exponent=10", "--wait", "--json");

        Assert.True(power.ExitCode == 0, power.ToString());
        Assert.Contains("\"result\": 1024", power.Stdout, StringComparison.Ordinal);
        var id = System.Text.Json.JsonDocument.Parse(power.Stdout).RootElement.GetProperty("id").GetInt64();
        var task = await SlurmExecutorTests.TaskOfAsync(cluster, id);
        var job = Assert.Single(await slurm.JobsOfAsync(_agent, task, CancellationToken.None));
        Assert.Equal("COMPLETED", job.State);

        var failing = await cluster.CliAsync(JobDeadline, "run", "--task", "shell", "--param", "command=echo hi-from-shell; exit 3", "--wait");
        Assert.True(failing.ExitCode != 0, failing.ToString());
        var failed = await cluster.JobAsync(long.Parse(failing.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("FAILED", 3), (failed.State, failed.ExitCode));
        Assert.Contains("hi-from-shell", (await cluster.CliAsync("logs", $"{failed.Id}")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_and_error_patterns_are_written_for_a_task_run_through_Slurm()
    {
        if (Skip() is not { } slurm)
        {
            return;
        }

        await using var cluster = await StartAsync(slurm);
        var dir = Path.Combine(cluster.DataDirectory, "work");
        Directory.CreateDirectory(dir);
        var run = await cluster.CliAsync(
            JobDeadline, "run", "-p", "2", "-D", dir, "-o", "out-%j-%t.txt", "-e", "err-%j.txt", "--wait", "--", "sh", "-c", "echo rank $CYCLONE_PROCID; echo oops $CYCLONE_PROCID >&2");

        Assert.True(run.ExitCode == 0, run.ToString());
        var id = run.Stdout.Trim();
        Assert.Equal("rank 0\n", await File.ReadAllTextAsync(Path.Combine(dir, $"out-{id}-0.txt")));
        Assert.Equal("rank 1\n", await File.ReadAllTextAsync(Path.Combine(dir, $"out-{id}-1.txt")));
        var errors = await File.ReadAllTextAsync(Path.Combine(dir, $"err-{id}.txt"));
        Assert.Contains("oops 0\n", errors, StringComparison.Ordinal);
        Assert.Contains("oops 1\n", errors, StringComparison.Ordinal);

        var refused = await cluster.CliAsync(JobDeadline, "run", "-D", dir, "-o", "/proc/no-such/out-%t", "--wait", "--", "true");
        Assert.True(refused.ExitCode != 0, refused.ToString());
    }

    private async Task<TestCluster> StartAsync(SlurmCluster slurm, IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = new TestCluster(output);
        try
        {
            await cluster.StartHubAsync();
            cluster.LaunchSlurmAgent(_agent, slots: 8, slurm, settings: settings);
            await cluster.WaitForAgentAsync(_agent, "UP");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
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
