using System.Text;
using Cyclone.Core.Tasks;
using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [StoreFact]
    public async Task Output_is_read_back_in_order_filtered_by_task_rank_and_position()
    {
        var store = await OpenAsync();
        var job = (await store.SubmitAsync([Jobs.Of("o", "bob", 2)], Ct))[0];
        await store.AppendOutputAsync(
        [
            Chunk(job.TaskIds[0], rank: 0, "a"), Chunk(job.TaskIds[0], rank: 1, "b"), Chunk(job.TaskIds[1], rank: 0, "c", stream: 1),
        ], Ct);

        var all = await store.ReadOutputAsync(job.JobId, null, null, 0, 100, Ct);
        Assert.Equal("abc", Text(all));
        Assert.Equal([0, 0, 1], all.Select(c => c.TaskIndex));
        Assert.Equal(1, all[2].Stream);
        Assert.Equal("b", Text(await store.ReadOutputAsync(job.JobId, 0, 1, 0, 100, Ct)));
        Assert.Equal("c", Text(await store.ReadOutputAsync(job.JobId, 1, null, 0, 100, Ct)));
        Assert.Equal("bc", Text(await store.ReadOutputAsync(job.JobId, null, null, all[0].Seq, 100, Ct)));
        Assert.Equal("a", Text(await store.ReadOutputAsync(job.JobId, null, null, 0, 1, Ct)));
    }

    [StoreFact]
    public async Task Output_past_the_cap_is_cut_with_a_marker_and_the_rest_dropped()
    {
        var store = await OpenAsync();
        var job = (await store.SubmitAsync([Jobs.Single()], Ct))[0];
        var id = job.TaskIds[0];

        await store.AppendOutputAsync([Chunk(id, 0, new string('x', 60)), Chunk(id, 1, new string('y', 60))], Ct);
        await store.AppendOutputAsync([Chunk(id, 0, "dropped")], Ct);

        var text = Text(await store.ReadOutputAsync(job.JobId, null, null, 0, 100, Ct));
        Assert.Equal(new string('x', 60) + new string('y', 40) + "\n[cyclone: output cut at 100 bytes; the rest was dropped]\n", text);
    }

    [StoreFact]
    public async Task Jobs_are_listed_newest_first_filtered_by_state_and_user_and_paged()
    {
        var store = await OpenAsync();
        var jobs = await store.SubmitAsync([Jobs.Single("a1", "ann"), Jobs.Single("b1", "ben"), Jobs.Single("a2", "ann"), Jobs.Single("a3", "ann")], Ct);
        await store.ApplyAsync([Running(jobs[2], 0, 1, Jobs.T0, "x")], Ct);

        var anns = await store.QueryJobsAsync(new JobQuery([], "ann", 0, 2), Ct);
        Assert.Equal(3, anns.Total);
        Assert.Equal(["a3", "a2"], anns.Items.Select(j => j.Name));
        var running = await store.QueryJobsAsync(new JobQuery([TaskState.Running], null), Ct);
        Assert.Equal("a2", Assert.Single(running.Items).Name);
        var pendingOrRunning = await store.QueryJobsAsync(new JobQuery([TaskState.Pending, TaskState.Running], null), Ct);
        Assert.Equal(4, pendingOrRunning.Total);

        var counts = await store.CountJobsByStateAsync(Ct);
        Assert.Equal((3L, 1L), (counts[TaskState.Pending], counts[TaskState.Running]));
    }

    [StoreFact]
    public async Task Tasks_are_listed_in_dispatch_order_priority_then_age()
    {
        var store = await OpenAsync();
        var jobs = await store.SubmitAsync([Jobs.Single("low", priority: 0), Jobs.Single("high", priority: 9), Jobs.Single("low2", priority: 0)], Ct);

        var tasks = await store.QueryTasksAsync(new TaskQuery([], null, null), Ct);

        Assert.Equal(["high", "low", "low2"], tasks.Items.Select(t => t.Name));
        var ofJob = await store.QueryTasksAsync(new TaskQuery([TaskState.Pending], null, jobs[2].JobId), Ct);
        Assert.Equal("low2", Assert.Single(ofJob.Items).Name);
        Assert.Equal(3L, (await store.CountTasksByStateAsync(Ct))[TaskState.Pending]);
    }

    [StoreFact]
    public async Task Agents_are_inserted_then_updated_by_name()
    {
        var store = await OpenAsync();
        var t = Jobs.T0;
        await store.UpsertAgentsAsync([new AgentRecord("n1", "h1", 4, 4, 1L << 33, 0, ["x"], "UP", t, t)], Ct);
        await store.UpsertAgentsAsync([new AgentRecord("n1", "h1", 8, 8, 1L << 34, 1, [], "DOWN", t, t.AddMinutes(1))], Ct);

        var agent = Assert.Single(await store.ListAgentsAsync(Ct));
        Assert.Equal((8, "DOWN", 1, t.AddMinutes(1)), (agent.Slots, agent.State, agent.Gpus, agent.LastSeen));
    }

    [StoreFact]
    public async Task An_agents_drain_is_kept_until_written_again_and_an_update_without_it_leaves_it_as_stored()
    {
        var store = await OpenAsync();
        var t = Jobs.T0;
        var up = new AgentRecord("n1", "h1", 4, 4, 1L << 33, 0, [], "UP", t, t);
        await store.UpsertAgentsAsync([up with { Drained = null }], Ct);
        Assert.False(Assert.Single(await store.ListAgentsAsync(Ct)).Drained);

        await store.UpsertAgentsAsync([up with { State = "DRAINING", Drained = true }], Ct);
        await store.UpsertAgentsAsync([up with { State = "DOWN", Drained = null }], Ct); // written by someone who does not know
        Assert.True(Assert.Single(await store.ListAgentsAsync(Ct)).Drained);

        await store.UpsertAgentsAsync([up with { Drained = false }], Ct);
        Assert.False(Assert.Single(await store.ListAgentsAsync(Ct)).Drained);
    }

    private static OutputAppend Chunk(long taskId, int rank, string text, int stream = 0) =>
        new(taskId, 1, rank, stream, Encoding.UTF8.GetBytes(text));

    private static string Text(IEnumerable<OutputChunkRecord> chunks) =>
        string.Concat(chunks.Select(c => Encoding.UTF8.GetString(c.Data)));
}
