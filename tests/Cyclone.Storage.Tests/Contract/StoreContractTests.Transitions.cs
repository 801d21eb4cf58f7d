using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [StoreFact]
    public async Task A_job_runs_while_a_task_runs_and_completes_when_all_have()
    {
        var store = await OpenAsync();
        var job = (await store.SubmitAsync([Jobs.Of("pair", "bob", 2)], Ct))[0];
        var t1 = Jobs.T0.AddSeconds(1);

        await store.ApplyAsync([Running(job, 0, 1, t1, "a1")], Ct);
        var running = (await store.GetJobAsync(job.JobId, Ct))!;
        Assert.Equal(TaskState.Running, running.State);
        Assert.Equal(t1, running.StartedAt);
        Assert.Null(running.EndedAt);

        await store.ApplyAsync([Ended(job, 0, TaskState.Completed, 1, t1.AddSeconds(1), 0), Running(job, 1, 1, t1.AddSeconds(2), "a2")], Ct);
        await store.ApplyAsync([Ended(job, 1, TaskState.Completed, 1, t1.AddSeconds(5), 0)], Ct);

        var done = (await store.GetJobAsync(job.JobId, Ct))!;
        Assert.Equal((TaskState.Completed, 0), (done.State, done.ExitCode));
        Assert.Equal(t1, done.StartedAt);
        Assert.Equal(t1.AddSeconds(5), done.EndedAt);
        var tasks = await store.GetTasksOfJobAsync(job.JobId, Ct);
        Assert.Equal(["a1"], tasks[0].Agents);
        Assert.Equal(["a2"], tasks[1].Agents);
    }

    [StoreFact]
    public async Task A_failed_job_carries_the_first_non_zero_exit_code_and_the_reason()
    {
        var store = await OpenAsync();
        var job = (await store.SubmitAsync([Jobs.Of("f", "bob", 3)], Ct))[0];
        var t = Jobs.T0;
        await store.ApplyAsync([Running(job, 0, 1, t, "a"), Running(job, 1, 1, t, "a"), Running(job, 2, 1, t, "a")], Ct);

        await store.ApplyAsync(
        [
            Ended(job, 0, TaskState.Completed, 1, t, 0),
            Ended(job, 1, TaskState.Failed, 1, t, 3, "exit code 3"),
            Ended(job, 2, TaskState.Failed, 1, t, 7, "exit code 7"),
        ], Ct);

        var failed = (await store.GetJobAsync(job.JobId, Ct))!;
        Assert.Equal((TaskState.Failed, 3), (failed.State, failed.ExitCode));
        Assert.Equal("exit code 3", (await store.GetTasksOfJobAsync(job.JobId, Ct))[1].Reason);
    }

    [StoreFact]
    public async Task A_requeued_task_is_pending_again_and_its_next_attempt_is_recorded()
    {
        var store = await OpenAsync();
        var job = (await store.SubmitAsync([Jobs.Single()], Ct))[0];
        var t = Jobs.T0;
        await store.ApplyAsync([Running(job, 0, 1, t, "lost")], Ct);

        await store.ApplyAsync([new TaskTransition(job.TaskIds[0], job.JobId, TaskState.Pending, 1, 0, t.AddSeconds(1), Reason: "agent lost")], Ct);
        var pending = Assert.Single(await store.GetTasksOfJobAsync(job.JobId, Ct));
        Assert.Equal((TaskState.Pending, "agent lost"), (pending.State, pending.Reason));
        Assert.Equal(TaskState.Pending, (await store.GetJobAsync(job.JobId, Ct))!.State);

        await store.ApplyAsync([Running(job, 0, 2, t.AddSeconds(2), "other")], Ct);
        var again = Assert.Single(await store.GetTasksOfJobAsync(job.JobId, Ct));
        Assert.Equal((TaskState.Running, 2, "other"), (again.State, again.Attempt, again.Agents[0]));
    }

    [StoreFact]
    public async Task Only_unfinished_tasks_are_reloaded_with_what_the_scheduler_needs()
    {
        var store = await OpenAsync();
        var job = (await store.SubmitAsync([Jobs.Of("r", "bob", 3, priority: 5, nodes: 2)], Ct))[0];
        var t = Jobs.T0;
        await store.ApplyAsync([Running(job, 0, 1, t, "a", "b"), Running(job, 1, 1, t, "c", "d")], Ct);
        await store.ApplyAsync([Ended(job, 1, TaskState.Completed, 1, t, 0)], Ct);

        store = await ReopenAsync(store);
        var active = new List<Cyclone.Storage.Contract.ActiveTaskRecord>();
        await foreach (var record in store.LoadActiveTasksAsync(Ct))
        {
            active.Add(record);
        }

        Assert.Equal([job.TaskIds[0], job.TaskIds[2]], active.Select(a => a.Id));
        var first = active[0];
        Assert.Equal((TaskState.Running, 1, 2, 5, 3), (first.State, first.Attempt, first.Nodes, first.Priority, first.MaxRetries));
        Assert.Equal(["a", "b"], first.Agents);
        Assert.Equal(t, first.StartedAt);
        Assert.Equal(TimeSpan.FromMinutes(5), first.TimeLimit);
        Assert.Equal((2, 1L << 30, 1), (first.Demand.Slots, first.Demand.MemoryBytes, first.Demand.Gpus));
        Assert.Equal(["fast"], first.Demand.Labels);
        Assert.Equal(TaskState.Pending, active[1].State);
    }
}
