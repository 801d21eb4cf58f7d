using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [StoreFact]
    public async Task Result_sets_are_kept_once_with_their_completion_and_read_per_sink_in_commit_order()
    {
        var store = await OpenAsync();
        var job = (await store.SubmitAsync([Jobs.Of("r", "alice", 3)], Ct))[0];
        TaskTransition Done(long task, params TaskResultSet[] sets) =>
            new(task, job.JobId, TaskState.Completed, 1, 0, Jobs.T0, ExitCode: 0, Agents: ["a1"], Outputs: "{}", Results: sets);
        await store.ApplyAsync([Done(job.TaskIds[1], new TaskResultSet("db", "[{\"x\":1}]", 1), new TaskResultSet("push", "[{\"name\":\"m\",\"value\":1}]", 1))], Ct);
        await store.ApplyAsync([Done(job.TaskIds[0], new TaskResultSet("db", "[{\"x\":2},{\"x\":3}]", 2))], Ct);
        await store.ApplyAsync([Done(job.TaskIds[0], new TaskResultSet("db", "[{\"x\":9}]", 1))], Ct); // the same attempt again: kept once
        store = await ReopenAsync(store);

        var db = await store.ReadResultsAsync("db", 0, 10, Ct);
        Assert.Equal([(job.TaskIds[1], "[{\"x\":1}]"), (job.TaskIds[0], "[{\"x\":2},{\"x\":3}]")], db.Select(r => (r.TaskId, r.Items)));
        Assert.All(db, r => Assert.Equal((job.JobId, 1, "a1"), (r.JobId, r.Attempt, r.Agent)));
        Assert.True(db[0].Seq < db[1].Seq);
        Assert.Equal([db[1].Seq], (await store.ReadResultsAsync("db", db[0].Seq, 10, Ct)).Select(r => r.Seq));
        Assert.Single(await store.ReadResultsAsync("push", 0, 10, Ct));
        Assert.Empty(await store.ReadResultsAsync("none", 0, 10, Ct));
    }

    [StoreFact]
    public async Task A_cursor_keeps_its_last_value_across_a_restart()
    {
        var store = await OpenAsync();
        Assert.Null(await store.GetCursorAsync("sink:db", Ct));
        await store.SetCursorAsync("sink:db", "12", Jobs.T0, Ct);
        await store.SetCursorAsync("sink:db", "40", Jobs.T0, Ct);
        await store.SetCursorAsync("generator:lines", "{\"line\":3}", Jobs.T0, Ct);
        store = await ReopenAsync(store);

        Assert.Equal("40", await store.GetCursorAsync("sink:db", Ct));
        Assert.Equal("{\"line\":3}", await store.GetCursorAsync("generator:lines", Ct));
    }
}
