using System.Globalization;
using Cyclone.EndToEnd.Tests.Cluster;
using Cyclone.Protocol.Rest;
using Xunit.Abstractions;

namespace Cyclone.EndToEnd.Tests;

/// <summary>Workers that are no agents, on a real hub with no agents at all: the README's shell and Python workers, and the REST pull API.</summary>
public sealed class PullWorkerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan JobDeadline = TimeSpan.FromSeconds(240);

    private const int DagSize = 1000;

    private static readonly string[] ShellWorkers = ["pull:admin:shell-1", "pull:admin:shell-2"];

    [Fact]
    public async Task Two_shell_workers_using_cyclone_steal_and_complete_run_a_job_array_of_twenty_commands()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        var log = Path.Combine(cluster.DataDirectory, "ran.log");
        var job = await cluster.SubmitAsync("--array", "0-19", "--", "sh", "-c", "echo ran >> \"$0\"", log);

        using var first = WorkerScripts.Start(cluster, "bash", "shell-1", cluster.AdminToken);
        using var second = WorkerScripts.Start(cluster, "bash", "shell-2", cluster.AdminToken);
        await WaitForJobAsync(cluster, job, first, second);

        var tasks = (await cluster.JobAsync(job)).Tasks!;
        Assert.Equal(20, tasks.Count);
        Assert.All(tasks, t => Assert.Contains(Assert.Single(t.Agents), ShellWorkers));
        Assert.True(File.ReadAllLines(log).Length >= 20, "every element ran");
    }

    [Fact]
    public async Task The_python_worker_of_the_readme_runs_a_job_array()
    {
        if (!WorkerScripts.OnPath("python3"))
        {
            Assert.False(ServicesRequired, "python3 is not on the PATH; CYCLONE_REQUIRE_SERVICES=1 says the Python worker must be tested");
            output.WriteLine("SKIPPED: python3 is not on the PATH, so the README's Python worker is not tested here");
            return;
        }

        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        var log = Path.Combine(cluster.DataDirectory, "ran.log");
        var job = await cluster.SubmitAsync("--array", "0-9", "--", "sh", "-c", "echo \"$CYCLONE_ARRAY_TASK_ID\" >> \"$0\"", log);

        using var worker = WorkerScripts.Start(cluster, "python", "py-1", cluster.AdminToken);
        await WaitForJobAsync(cluster, job, worker);

        Assert.All((await cluster.JobAsync(job)).Tasks!, t => Assert.Equal("pull:admin:py-1", Assert.Single(t.Agents)));
        var indices = File.ReadAllLines(log).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 10), indices.Order()); // the environment of each element reached it
    }

    [Fact]
    public async Task The_readmes_bash_and_python_workers_drain_a_thousand_task_dag_together_in_dependency_order()
    {
        if (!WorkerScripts.OnPath("python3"))
        {
            Assert.False(ServicesRequired, "python3 is not on the PATH; CYCLONE_REQUIRE_SERVICES=1 says the Python worker must be tested");
            output.WriteLine("SKIPPED: python3 is not on the PATH, so the README's workers are not tested on a DAG here");
            return;
        }

        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        var log = Path.Combine(cluster.DataDirectory, "dag.log");
        var lines = new System.Text.StringBuilder();
        for (var i = 0; i < DagSize; i++)
        {
            var deps = string.Concat(Upstreams(i).Select(d => $",t{d}"));
            lines.Append(CultureInfo.InvariantCulture, $"t{i}{deps} echo t{i} >> {log}\n");
        }

        var run = await cluster.Client.SubmitTaskFileAsync("pull-dag", lines.ToString(), CancellationToken.None);
        using var shell = WorkerScripts.Start(cluster, "bash", "dag-shell", cluster.AdminToken);
        using var python = WorkerScripts.Start(cluster, "python", "dag-py", cluster.AdminToken);
        await WaitForJobAsync(cluster, run.RunId, shell, python);

        var tasks = (await cluster.JobAsync(run.RunId)).Tasks!;
        Assert.Equal(DagSize, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(("COMPLETED", 1), (t.State, t.Attempt)));
        var byWorker = tasks.GroupBy(t => Assert.Single(t.Agents)).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"tasks by worker: {string.Join(", ", byWorker.Select(p => $"{p.Key}={p.Value}"))}");
        Assert.Equal(["pull:admin:dag-py", "pull:admin:dag-shell"], byWorker.Keys.Order(StringComparer.Ordinal));

        var order = File.ReadAllLines(log).Select((l, at) => (Name: l, At: at)).ToDictionary(p => p.Name, p => p.At);
        Assert.Equal(DagSize, order.Count);
        for (var i = 1; i < DagSize; i++)
        {
            Assert.All(Upstreams(i), u => Assert.True(order[$"t{i}"] > order[$"t{u}"], $"t{i} ran before its upstream t{u}"));
        }
    }

    /// <summary>Task i of the DAG waits for (i-1)/2 and (i-1)/3: wide enough for two workers, ten levels deep.</summary>
    private static int[] Upstreams(int i) => i == 0 ? [] : [.. new[] { (i - 1) / 2, (i - 1) / 3 }.Distinct()];

    [Fact]
    public async Task Task_of_a_worker_that_leases_and_vanishes_is_leased_to_another_worker_after_its_lease_time()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        var job = await cluster.SubmitAsync("--", "true");
        var taskId = (await cluster.JobAsync(job)).Tasks![0].Id;

        // a steal that is never followed by a call: the worker is gone once the command has ended
        var vanished = await cluster.CliAsync("steal", "--worker", "vanishing", "--lease", "2s");
        Assert.Equal($"{taskId} 1 true", vanished.Stdout.Trim());

        var again = await Eventually.UntilAsync(async () =>
        {
            var steal = await cluster.CliAsync("steal", "--worker", "steady", "--wait", "30s");
            Assert.Equal(0, steal.ExitCode);
            return steal.Stdout.Trim() is { Length: > 0 } line ? line : null;
        }, JobDeadline, "another worker leases the task");
        Assert.Equal($"{taskId} 2 true", again);
        Assert.Equal(["pull:admin:steady"], (await cluster.JobAsync(job)).Tasks![0].Agents);

        var late = await cluster.CliAsync("complete", $"{taskId}", "--attempt", "1", "--worker", "vanishing");
        Assert.Equal(1, late.ExitCode);
        Assert.Contains("RUNNING as attempt 2 on pull:admin:steady", late.Stderr, StringComparison.Ordinal);

        var done = await cluster.CliAsync("complete", $"{taskId}", "--attempt", "2", "--worker", "steady");
        Assert.Equal((0, $"task {taskId} attempt 2: COMPLETED"), (done.ExitCode, done.Stdout.Trim()));
        Assert.Equal("COMPLETED", (await cluster.JobAsync(job)).State);
    }

    [Fact]
    public async Task Batched_leases_and_completions_of_sixteen_run_a_job_array_with_one_attempt_each()
    {
        await using var cluster = new TestCluster(output);
        await cluster.StartHubAsync();
        var job = await cluster.SubmitAsync("--array", "0-63", "--", "true");

        var rounds = 0;
        while ((await cluster.JobAsync(job)).State != "COMPLETED")
        {
            Assert.True(++rounds <= 4, "64 tasks take four rounds of 16");
            var leased = await cluster.Client.LeaseTasksAsync(new TaskLeaseRequest { Worker = "batch", Max = 16, WaitSeconds = 30 }, CancellationToken.None);
            Assert.Equal(16, leased.Tasks.Count);
            var batch = new TaskReportBatchRequest
            {
                Worker = "batch",
                Tasks = [.. leased.Tasks.Select(t => new TaskReportRequest { Id = t.Id, Attempt = t.Attempt, ExitCode = 0 })],
            };
            var results = await cluster.Client.ReportTasksAsync("complete", batch, CancellationToken.None);
            Assert.Equal(leased.Tasks.Select(t => t.Id), results.Results.Select(r => r.Id));
            Assert.All(results.Results, r => Assert.Equal((200, "COMPLETED"), (r.Status, r.State)));
        }

        var tasks = (await cluster.JobAsync(job)).Tasks!;
        Assert.All(tasks, t => Assert.Equal(("COMPLETED", 1), (t.State, t.Attempt)));
        Assert.Empty((await cluster.Client.LeaseTasksAsync(new TaskLeaseRequest { Worker = "batch", Max = 16 }, CancellationToken.None)).Tasks);
    }

    private static bool ServicesRequired => Environment.GetEnvironmentVariable("CYCLONE_REQUIRE_SERVICES") == "1";

    private async Task WaitForJobAsync(TestCluster cluster, long job, params CycloneProcess[] workers)
    {
        try
        {
            await cluster.WaitForJobAsync(job, "COMPLETED", JobDeadline);
        }
        finally
        {
            foreach (var worker in workers)
            {
                output.WriteLine($"===== {worker.Label}\n{worker.Log}");
            }
        }
    }
}
