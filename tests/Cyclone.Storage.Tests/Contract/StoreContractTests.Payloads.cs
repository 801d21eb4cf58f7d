using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [StoreFact]
    public async Task Tasks_that_share_a_payload_each_read_back_their_own_index_and_name_and_other_payloads_stay_their_own()
    {
        var store = await OpenAsync();
        var shared = new TaskPayload { Command = ["noop"], Environment = new Dictionary<string, string> { ["A"] = "1" }, User = "alice" };
        var job = new NewJob("shared", "alice", "{}", Jobs.T0,
        [
            .. Enumerable.Range(0, 3).Select(i => Jobs.Task(i) with { Name = $"n{i}", Payload = shared with { TaskIndex = i } }),
            Jobs.Task(3) with { Name = "other" },
        ]);
        var stored = (await store.SubmitAsync([job], Ct))[0];

        var payloads = await store.GetPayloadsAsync(stored.TaskIds, Ct);

        Assert.Equal([0, 1, 2, 3], stored.TaskIds.Select(id => payloads[id].TaskIndex));
        Assert.Equal(["n0", "n1", "n2", "other"], stored.TaskIds.Select(id => payloads[id].Name));
        Assert.All(stored.TaskIds.Take(3), id => Assert.Equal(["noop"], payloads[id].Command));
        Assert.Equal(["echo", "job", "3"], payloads[stored.TaskIds[3]].Command);
        Assert.Equal(2, payloads[stored.TaskIds[3]].ProcsPerNode);
        Assert.Equal(1, payloads[stored.TaskIds[0]].ProcsPerNode);
    }

    [StoreFact]
    public async Task Elements_that_share_one_payload_read_it_back_from_their_own_job_beside_a_task_with_another()
    {
        var store = await OpenAsync();
        NewJob Array(string name, string command) =>
            new(name, "alice", "{}", Jobs.T0, [.. ArrayTasks(new TaskPayload { Command = [command], User = "alice" }), Jobs.Task(3) with { Name = "odd" }]);
        var jobs = await store.SubmitAsync([Array("first", "one"), Array("second", "two")], Ct);

        var payloads = await store.GetPayloadsAsync([.. jobs.SelectMany(j => j.TaskIds)], Ct);

        Assert.Equal(["one", "one", "one"], jobs[0].TaskIds.Take(3).Select(id => payloads[id].Command[0]));
        Assert.Equal(["two", "two", "two"], jobs[1].TaskIds.Take(3).Select(id => payloads[id].Command[0]));
        Assert.Equal([0, 1, 2, 3], jobs[1].TaskIds.Select(id => payloads[id].TaskIndex));
        Assert.All(jobs, j => Assert.Equal(["echo", "job", "3"], payloads[j.TaskIds[3]].Command));
    }

    /// <summary>Three elements holding the very same payload object, as an array job's elements do.</summary>
    private static IEnumerable<NewTask> ArrayTasks(TaskPayload shared) =>
        Enumerable.Range(0, 3).Select(i => Jobs.Task(i) with { Name = $"e{i}", Payload = shared });
}
