using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Tests.Contract;

/// <summary>What every <see cref="IStore"/> must do; each implementation's test class derives from this.</summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    private readonly List<IStore> _open = [];

    protected StoreContractTests()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("cyclone-store-").FullName;
    }

    protected string Directory { get; }

    protected StoreOptions Options { get; } = new() { OutputCapBytes = 100 };

    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>Opens (and initializes) the implementation over <see cref="Directory"/>.</summary>
    protected abstract IStore Create(StoreOptions options);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _open)
        {
            await store.DisposeAsync();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    protected async Task<IStore> OpenAsync()
    {
        var store = Create(Options);
        await store.InitializeAsync(Ct);
        _open.Add(store);
        return store;
    }

    protected async Task<IStore> ReopenAsync(IStore store)
    {
        _open.Remove(store);
        await store.DisposeAsync();
        return await OpenAsync();
    }

    protected static TaskTransition Running(SubmittedJob job, int task, int attempt, DateTimeOffset at, params string[] agents) =>
        new(job.TaskIds[task], job.JobId, TaskState.Running, attempt, 0, at, Agents: agents);

    protected static TaskTransition Ended(SubmittedJob job, int task, TaskState state, int attempt, DateTimeOffset at, int? exit = null, string? reason = null) =>
        new(job.TaskIds[task], job.JobId, state, attempt, 0, at, exit, reason);

    [StoreFact]
    public async Task A_submitted_job_is_pending_with_its_tasks_in_order()
    {
        var store = await OpenAsync();
        var job = (await store.SubmitAsync([Jobs.Of("sim", "alice", 3)], Ct))[0];

        Assert.True(job.JobId >= 0);
        Assert.Equal(3, job.TaskIds.Count);
        var stored = await store.GetJobAsync(job.JobId, Ct);
        Assert.NotNull(stored);
        Assert.Equal(("sim", "alice", TaskState.Pending, 3), (stored.Name, stored.User, stored.State, stored.TaskCount));
        Assert.Null(stored.ExitCode);
        var tasks = await store.GetTasksOfJobAsync(job.JobId, Ct);
        Assert.Equal([0, 1, 2], tasks.Select(t => t.Index));
        Assert.Equal(job.TaskIds, tasks.Select(t => t.Id));
        Assert.All(tasks, t => Assert.Equal(TaskState.Pending, t.State));
    }

    [StoreFact]
    public async Task Job_ids_grow_and_an_unknown_job_is_null()
    {
        var store = await OpenAsync();
        var ids = (await store.SubmitAsync([Jobs.Single(), Jobs.Single(), Jobs.Single()], Ct)).Select(j => j.JobId).ToList();

        Assert.Equal(ids.Order(), ids);
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Null(await store.GetJobAsync(ids.Max() + 1000, Ct));
        Assert.Empty(await store.GetTasksOfJobAsync(ids.Max() + 1000, Ct));
    }

    [StoreFact]
    public async Task An_acknowledged_submission_is_there_after_reopening()
    {
        var store = await OpenAsync();
        var job = (await store.SubmitAsync([Jobs.Single("durable")], Ct))[0];

        store = await ReopenAsync(store);

        Assert.Equal("durable", (await store.GetJobAsync(job.JobId, Ct))!.Name);
        var payload = (await store.GetPayloadsAsync([job.TaskIds[0]], Ct))[job.TaskIds[0]];
        Assert.Equal(["echo", "durable", "0"], payload.Command);
        Assert.Equal("1", payload.Environment!["A"]);
        Assert.Equal(2, payload.ProcsPerNode);
    }

    [StoreFact]
    public async Task Concurrent_submissions_are_all_stored_with_distinct_ids()
    {
        var store = await OpenAsync();
        var submissions = Enumerable.Range(0, 300).Select(i => store.SubmitAsync([Jobs.Single($"j{i}")], Ct));

        var jobs = (await Task.WhenAll(submissions)).Select(s => s[0]).ToList();

        Assert.Equal(300, jobs.Select(j => j.JobId).Distinct().Count());
        var page = await store.QueryJobsAsync(new JobQuery([], null, 0, 1000), Ct);
        Assert.Equal(300, page.Total);
    }

    [StoreFact]
    public async Task A_bad_write_fails_alone_and_the_writes_grouped_with_it_are_stored()
    {
        var store = await OpenAsync();
        var duplicateIndex = Jobs.Single("bad") with { Tasks = [Jobs.Task(0), Jobs.Task(0)] };
        var writes = Enumerable.Range(0, 50).Select(i => store.SubmitAsync([Jobs.Single($"good{i}")], Ct)).ToList();
        var bad = store.SubmitAsync([duplicateIndex], Ct);
        writes.AddRange(Enumerable.Range(0, 50).Select(i => store.SubmitAsync([Jobs.Single($"late{i}")], Ct)));

        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        await Task.WhenAll(writes);
        var page = await store.QueryJobsAsync(new JobQuery([], null, 0, 1000), Ct);
        Assert.Equal(100, page.Total);
        Assert.DoesNotContain(page.Items, j => j.Name == "bad");
    }
}
