using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;
using Cyclone.Storage.Postgres;
using Cyclone.Storage.Tests.Contract;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cyclone.Storage.Tests.Postgres;

/// <summary>What only a server database can do: several stores (hubs, tools) on one database at once, and a server that goes away.</summary>
[Collection(PostgresCollection.Name)]
[NeedsPostgres]
public sealed class PostgresConcurrencyTests : IAsyncLifetime
{
    private readonly PostgresFixture _postgres;
    private readonly List<PostgresStore> _open = [];
    private string _database = "";

    public PostgresConcurrencyTests(PostgresFixture postgres) => _postgres = postgres;

    private static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync() => _database = await _postgres.Server.CreateDatabaseAsync(Ct);

    public async Task DisposeAsync()
    {
        foreach (var store in _open)
        {
            await store.DisposeAsync();
        }

        await _postgres.Server.DropDatabaseAsync(_database, Ct);
    }

    [StoreFact]
    public async Task Two_stores_submitting_at_once_give_distinct_consecutive_ids_and_keep_every_row()
    {
        var (a, b) = (await OpenAsync(), await OpenAsync());

        var submissions = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).SubmitAsync([Jobs.Of($"j{i}", "alice", 50 + i)], Ct));
        var jobs = (await Task.WhenAll(submissions)).Select(s => s[0]).ToList();

        Assert.Equal(40, jobs.Select(j => j.JobId).Distinct().Count());
        var ids = jobs.SelectMany(j => j.TaskIds).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(jobs, j => Assert.Equal(Enumerable.Range(0, j.TaskIds.Count).Select(i => j.TaskIds[0] + i), j.TaskIds));
        Assert.Equal(40, (await a.QueryJobsAsync(new JobQuery([], null, 0, 100), Ct)).Total);
        Assert.Equal((long)ids.Count, (await b.QueryTasksAsync(new TaskQuery([], null, null, 0, 1), Ct)).Total);
    }

    [StoreFact]
    public async Task A_transition_applied_through_one_store_is_seen_through_the_other()
    {
        var (a, b) = (await OpenAsync(), await OpenAsync());
        var job = (await a.SubmitAsync([Jobs.Of("shared", "bob", 2)], Ct))[0];

        await b.ApplyAsync([new TaskTransition(job.TaskIds[0], job.JobId, TaskState.Running, 1, 0, Jobs.T0, Agents: ["n1"])], Ct);
        await a.ApplyAsync([new TaskTransition(job.TaskIds[0], job.JobId, TaskState.Completed, 1, 0, Jobs.T0.AddSeconds(1), ExitCode: 0)], Ct);

        var states = await b.GetTaskStatesAsync(job.TaskIds, Ct);
        Assert.Equal([TaskState.Completed, TaskState.Pending], job.TaskIds.Select(id => states[id]));
        Assert.Equal(TaskState.Pending, (await b.GetJobAsync(job.JobId, Ct))!.State); // one task done, one still to run
    }

    [StoreFact]
    public async Task A_server_crash_fails_the_writes_in_flight_keeps_what_was_acknowledged_and_writes_resume()
    {
        var store = await OpenAsync();
        var kept = (await store.SubmitAsync([Jobs.Of("kept", "alice", 100)], Ct))[0];

        await _postgres.Server.RestartAsync(Ct); // an immediate stop: the server crashes, then comes back

        // the write that meets the dead connection fails (it is not acknowledged); a later one reconnects
        var failed = 0;
        SubmittedJob? after = null;
        for (var i = 0; i < 10 && after is null; i++)
        {
            try
            {
                after = (await store.SubmitAsync([Jobs.Of("after", "alice", 3)], Ct))[0];
            }
            catch (IOException)
            {
                failed++;
            }
        }

        Assert.NotNull(after);
        Assert.True(failed >= 1, "a write over the connection the crash cut must fail, not be acknowledged");
        Assert.Equal(100, (await store.GetTasksOfJobAsync(kept.JobId, Ct)).Count);
        Assert.Equal(2, (await store.QueryJobsAsync(new JobQuery([], null, 0, 10), Ct)).Total);
    }

    private async Task<PostgresStore> OpenAsync()
    {
        var store = new PostgresStore(_database, new StoreOptions(), NullLogger<PostgresStore>.Instance);
        await store.InitializeAsync(Ct);
        _open.Add(store);
        return store;
    }
}
