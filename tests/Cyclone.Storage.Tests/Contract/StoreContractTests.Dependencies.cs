using Cyclone.Core.Dependencies;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    private static NewJob Graph() =>
        new("graph", "alice", "{}", Jobs.T0,
        [
            Jobs.Task(0) with { Dependencies = [NewDependency.OnIndex(1, DependencyKind.AfterOk)] },
            Jobs.Task(1),
            Jobs.Task(2) with { WaitsForEvent = "go", MaxActiveInJob = 4 },
        ])
        { Workflow = "diamond", WorkflowCommit = new string('a', 40) };

    [StoreFact]
    public async Task Tasks_with_dependencies_or_events_are_stored_blocked_and_come_back_with_them_after_a_restart()
    {
        var store = await OpenAsync();
        var job = (await store.SubmitAsync([Graph()], Ct))[0];
        store = await ReopenAsync(store);

        var active = new List<ActiveTaskRecord>();
        await foreach (var t in store.LoadActiveTasksAsync(Ct))
        {
            active.Add(t);
        }

        Assert.Equal([TaskState.Blocked, TaskState.Pending, TaskState.Blocked], active.Select(a => a.State));
        Assert.Equal([new TaskDependency(job.TaskIds[1], DependencyKind.AfterOk)], active[0].Dependencies);
        Assert.Equal(("go", 4), (active[2].WaitsForEvent, active[2].MaxActiveInJob));
        var stored = await store.GetJobAsync(job.JobId, Ct);
        Assert.Equal(("diamond", new string('a', 40)), (stored!.Workflow, stored.WorkflowCommit));
    }

    [StoreFact]
    public async Task Outputs_recorded_with_a_completion_are_read_back_by_task_index()
    {
        var store = await OpenAsync();
        var job = (await store.SubmitAsync([Graph()], Ct))[0];
        await store.ApplyAsync(
        [
            Running(job, 1, 1, Jobs.T0, "a"),
            new TaskTransition(job.TaskIds[1], job.JobId, TaskState.Completed, 1, 0, Jobs.T0, 0, Outputs: """{"x":3}"""),
        ], Ct);

        var outputs = await store.GetOutputsAsync(job.JobId, [0, 1], Ct);
        Assert.Equal("""{"x":3}""", Assert.Single(outputs).Value);
        Assert.Equal("""{"x":3}""", (await store.GetTasksOfJobAsync(job.JobId, Ct))[1].Outputs);
        var states = await store.GetTaskStatesAsync([job.TaskIds[0], job.TaskIds[1], 999_999], Ct);
        Assert.Equal(2, states.Count);
        Assert.Equal(TaskState.Completed, states[job.TaskIds[1]]);
        Assert.Equal(job.TaskIds, await store.GetTaskIdsOfJobsAsync([job.JobId], Ct));
    }

    [StoreFact]
    public async Task A_dependency_on_an_index_the_job_lacks_is_refused_and_nothing_is_stored()
    {
        var store = await OpenAsync();
        var bad = new NewJob("bad", "alice", "{}", Jobs.T0, [Jobs.Task(0) with { Dependencies = [NewDependency.OnIndex(7, DependencyKind.AfterOk)] }]);
        await Assert.ThrowsAnyAsync<Exception>(() => store.SubmitAsync([bad], Ct));
        Assert.Equal(0, (await store.QueryJobsAsync(new JobQuery([], null, 10, 0), Ct)).Total);
    }
}
