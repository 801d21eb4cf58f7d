using Cyclone.Core.Dependencies;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    private static NewJob Run(string workflow) =>
        new("flow", "alice", "{}", Jobs.T0,
        [
            Jobs.Task(0, "first"),
            Jobs.Task(1, "second") with { Dependencies = [NewDependency.OnIndex(0, DependencyKind.AfterOk)] },
        ])
        { Workflow = workflow };

    private static async Task FinishAsync(IStore store, SubmittedJob job, int task, int seconds, TaskState end = TaskState.Completed) =>
        await store.ApplyAsync(
        [
            Running(job, task, 1, Jobs.T0, "a"),
            new TaskTransition(job.TaskIds[task], job.JobId, end, 1, 0, Jobs.T0.AddSeconds(seconds), end == TaskState.Completed ? 0 : 1),
        ], Ct);

    [StoreFact]
    public async Task Past_durations_come_from_completed_tasks_of_earlier_runs_of_the_same_workflow_only()
    {
        var store = await OpenAsync();
        var old = (await store.SubmitAsync([Run("flow")], Ct))[0];
        await FinishAsync(store, old, 0, 30);
        await FinishAsync(store, old, 1, 7, TaskState.Failed);
        var other = (await store.SubmitAsync([Run("other")], Ct))[0];
        await FinishAsync(store, other, 0, 999);
        var current = (await store.SubmitAsync([Run("flow")], Ct))[0];
        await FinishAsync(store, current, 0, 5);

        var past = await store.GetPastDurationsAsync(new PastDurationQuery(current.JobId, "flow", "flow", "alice"), Ct);

        Assert.Equal([new PastDuration("first", TimeSpan.FromSeconds(30))], past);
    }

    [StoreFact]
    public async Task Past_durations_of_a_plain_job_come_from_jobs_of_the_same_name_and_user()
    {
        var store = await OpenAsync();
        var mine = (await store.SubmitAsync([Jobs.Single("build", "alice")], Ct))[0];
        await FinishAsync(store, mine, 0, 12);
        var theirs = (await store.SubmitAsync([Jobs.Single("build", "bob")], Ct))[0];
        await FinishAsync(store, theirs, 0, 99);
        var now = (await store.SubmitAsync([Jobs.Single("build", "alice")], Ct))[0];

        var past = await store.GetPastDurationsAsync(new PastDurationQuery(now.JobId, null, "build", "alice"), Ct);

        Assert.Equal([TimeSpan.FromSeconds(12)], past.Select(p => p.Duration));
    }

    [StoreFact]
    public async Task The_dependencies_of_a_job_are_read_back_as_task_ids()
    {
        var store = await OpenAsync();
        var job = (await store.SubmitAsync([Run("flow")], Ct))[0];

        Assert.Equal([(job.TaskIds[1], job.TaskIds[0])], await store.GetDependenciesOfJobAsync(job.JobId, Ct));
    }

    [StoreFact]
    public async Task Jobs_are_found_by_id_user_or_name_prefix_and_sorted_either_way()
    {
        var store = await OpenAsync();
        var a = (await store.SubmitAsync([Jobs.Single("render_frames", "alice")], Ct))[0];
        var b = (await store.SubmitAsync([Jobs.Single("render%x", "bob")], Ct))[0];
        var c = (await store.SubmitAsync([Jobs.Single("train", "carol")], Ct))[0];

        async Task<long[]> Find(string search, bool oldestFirst = false) =>
            [.. (await store.QueryJobsAsync(new JobQuery([], null) { Search = search, SortBy = JobSort.Id, Ascending = oldestFirst }, Ct)).Items.Select(j => j.Id)];

        Assert.Equal([b.JobId, a.JobId], await Find("render"));
        Assert.Equal([a.JobId, b.JobId], await Find("render", oldestFirst: true));
        Assert.Equal([b.JobId], await Find("render%")); // wildcards are taken literally
        Assert.Equal([a.JobId], await Find("render_"));
        Assert.Equal([c.JobId], await Find("carol"));
        Assert.Equal([c.JobId], await Find($"{c.JobId}"));
        Assert.Empty(await Find("nobody"));
        var page = await store.QueryJobsAsync(new JobQuery([], null, 0, 1) { Search = "render" }, Ct);
        Assert.Equal(2, page.Total);
    }
}
