using Cyclone.Core.Dependencies;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [StoreFact]
    public async Task The_unsuccessful_tasks_of_a_job_are_loaded_with_their_dependencies_for_a_retry_and_completed_ones_are_not()
    {
        var store = await OpenAsync();
        var job = (await store.SubmitAsync(
        [
            new NewJob("r", "alice", "{}", Jobs.T0,
            [
                Jobs.Task(0), Jobs.Task(1),
                Jobs.Task(2) with { Dependencies = [NewDependency.OnIndex(1, DependencyKind.AfterOk)] },
            ]),
        ], Ct))[0];
        var t = Jobs.T0.AddMinutes(1);
        await store.ApplyAsync([Running(job, 0, 1, t, "a"), Running(job, 1, 1, t, "a")], Ct);
        await store.ApplyAsync([Ended(job, 0, TaskState.Completed, 1, t, 0), Ended(job, 1, TaskState.Failed, 1, t, 3), Ended(job, 2, TaskState.UpstreamFailed, 0, t)], Ct);

        var ended = await store.LoadUnsuccessfulTasksOfJobAsync(job.JobId, Ct);

        Assert.Equal([job.TaskIds[1], job.TaskIds[2]], ended.Select(r => r.Id));
        Assert.Equal([TaskState.Failed, TaskState.UpstreamFailed], ended.Select(r => r.State));
        Assert.Equal(1, ended[0].Attempt);
        Assert.Equal(["fast"], ended[0].Demand.Labels);
        Assert.Equal(3, ended[0].MaxRetries);
        Assert.Equal(job.TaskIds[1], Assert.Single(ended[1].Dependencies).UpstreamId);
        Assert.Empty(await store.LoadUnsuccessfulTasksOfJobAsync(job.JobId + 1000, Ct));
    }

    [StoreFact]
    public async Task Tasks_by_state_are_summed_from_the_job_counters_and_follow_every_transition()
    {
        var store = await OpenAsync();
        var jobs = await store.SubmitAsync([Jobs.Of("a", "ann", 3), Jobs.Of("b", "ben", 2)], Ct);
        var t = Jobs.T0.AddMinutes(1);
        await store.ApplyAsync([Running(jobs[0], 0, 1, t, "x")], Ct);
        await store.ApplyAsync([Ended(jobs[0], 0, TaskState.Failed, 1, t, 1), Ended(jobs[1], 0, TaskState.Cancelled, 0, t)], Ct);
        // a retry puts the failed task back
        await store.ApplyAsync([new TaskTransition(jobs[0].TaskIds[0], jobs[0].JobId, TaskState.Pending, 1, 0, t, Previous: TaskState.Failed)], Ct);

        var counts = await store.CountTasksByStateAsync(Ct);

        Assert.Equal(4L, counts[TaskState.Pending]);
        Assert.Equal(1L, counts[TaskState.Cancelled]);
        Assert.False(counts.ContainsKey(TaskState.Failed)); // a state whose counters sum to zero is left out
        Assert.False(counts.ContainsKey(TaskState.Running));
        Assert.Null((await store.GetJobAsync(jobs[0].JobId, Ct))!.EndedAt);
    }

    [StoreFact]
    public async Task Jobs_are_found_by_a_label_one_of_their_tasks_asks_for_with_wildcards_taken_literally()
    {
        var store = await OpenAsync();
        var gpu = Jobs.Single("trainer") with { Tasks = [Jobs.Task(0) with { Demand = new(1, 0, 1, ["gpu", "ssd"]) }] };
        var other = Jobs.Single("other") with { Tasks = [Jobs.Task(0) with { Demand = new(1, 0, 0, ["gpu_old"]) }] };
        var jobs = await store.SubmitAsync([gpu, other, Jobs.Single("plain")], Ct);

        var found = await store.QueryJobsAsync(new JobQuery([], null) { Search = "label:gpu" }, Ct);
        Assert.Equal(jobs[0].JobId, Assert.Single(found.Items).Id);
        Assert.Equal(1, found.Total);
        Assert.Equal("other", Assert.Single((await store.QueryJobsAsync(new JobQuery([], null) { Search = "label:gpu_old" }, Ct)).Items).Name);
        Assert.Empty((await store.QueryJobsAsync(new JobQuery([], null) { Search = "label:gpu%" }, Ct)).Items);
        Assert.Equal("plain", Assert.Single((await store.QueryJobsAsync(new JobQuery([], null) { Search = "label:fast" }, Ct)).Items).Name);
    }
}
