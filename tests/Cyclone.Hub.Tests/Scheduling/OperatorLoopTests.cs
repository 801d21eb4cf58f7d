using Cyclone.Core.Dependencies;
using Cyclone.Core.Resources;
using Cyclone.Core.Tasks;
using Cyclone.Hub.Api;
using Cyclone.Hub.Scheduling;
using Cyclone.Storage.Contract;
using Body = Cyclone.Protocol.Agent.HubMessage.BodyOneofCase;

namespace Cyclone.Hub.Tests.Scheduling;

/// <summary>Operators' requests through the scheduler loop: drain and resume an agent, retry a job, read the queue by class.</summary>
public sealed partial class OperatorLoopTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_drained_agent_finishes_its_running_task_but_gets_no_new_one_until_resumed()
    {
        await using var hub = await LoopFixture.StartAsync();
        var a = hub.Connect("a", slots: 1);
        var first = await hub.SubmitAsync("one");
        var lease = Assert.Single((await a.NextOfAsync(Body.Leases)).Leases.Leases);

        Assert.True(await hub.Loop.DrainAgentAsync("a", None));
        Assert.Equal("DRAINING", (await hub.Store.ListAgentsAsync(None)).Single().State);
        var second = await hub.SubmitAsync("two");
        hub.Post(LoopFixture.Outcome(a, lease.TaskId, 1, exitCode: 0, seq: 1));
        hub.Post(new AskCommand(a)); // its slot is free: an agent that was not drained would be given the second task now
        await hub.SyncAsync();
        Assert.Equal(TaskState.Completed, (await hub.Store.GetJobAsync(first.JobId, None))!.State);
        Assert.True(a.HasNo(Body.Leases));
        Assert.Equal(TaskState.Pending, (await hub.Store.GetJobAsync(second.JobId, None))!.State);
        Assert.Equal("DRAINING", Assert.Single(hub.Loop.View.Agents).State);

        Assert.Null(await hub.Loop.ResumeAgentAsync("a", None));
        var next = Assert.Single((await a.NextOfAsync(Body.Leases)).Leases.Leases);
        Assert.Equal(second.TaskIds[0], next.TaskId);
        Assert.Equal("UP", (await hub.Store.ListAgentsAsync(None)).Single().State);
    }

    [Fact]
    public async Task Draining_or_resuming_an_agent_that_is_not_connected_is_refused()
    {
        await using var hub = await LoopFixture.StartAsync();
        Assert.False(await hub.Loop.DrainAgentAsync("ghost", None));
        Assert.NotNull(await hub.Loop.ResumeAgentAsync("ghost", None));
    }

    [Fact]
    public async Task A_retried_failed_task_runs_again_as_the_next_attempt_and_the_job_completes()
    {
        await using var hub = await LoopFixture.StartAsync();
        var a = hub.Connect("a", slots: 1);
        var job = await hub.SubmitAsync("flaky");
        var lease = Assert.Single((await a.NextOfAsync(Body.Leases)).Leases.Leases);
        hub.Post(LoopFixture.Outcome(a, lease.TaskId, 1, exitCode: 3, seq: 1));
        await hub.SyncAsync();
        Assert.Equal(TaskState.Failed, (await hub.Store.GetJobAsync(job.JobId, None))!.State);

        Assert.Equal(1, await RetryAsync(hub, job.JobId));
        var stored = await hub.Store.GetJobAsync(job.JobId, None);
        Assert.False(stored!.State.IsFinal());
        Assert.Null(stored.EndedAt);
        var again = Assert.Single((await a.NextOfAsync(Body.Leases)).Leases.Leases);
        Assert.Equal(2, again.Attempt);

        hub.Post(LoopFixture.Outcome(a, again.TaskId, 2, exitCode: 0, seq: 2));
        await hub.SyncAsync();
        stored = await hub.Store.GetJobAsync(job.JobId, None);
        Assert.Equal(TaskState.Completed, stored!.State);
        Assert.Equal(0, stored.ExitCode);
        var counts = await hub.Store.CountTasksByStateAsync(None);
        Assert.Equal(1, counts[TaskState.Completed]);
        Assert.False(counts.ContainsKey(TaskState.Failed));
    }

    [Fact]
    public async Task Retrying_a_failed_task_also_brings_back_its_upstream_failed_dependent_which_waits_for_it()
    {
        await using var hub = await LoopFixture.StartAsync();
        var a = hub.Connect("a", slots: 1);
        var payload = new TaskPayload { Command = ["x"] };
        var job = await hub.Loop.SubmitAsync(
            new NewJob("chain", "tester", "{}", hub.Time.GetUtcNow(),
            [
                new NewTask(0, "first", NodeDemand.OneSlot, 1, 0, 0, null, payload),
                new NewTask(1, "second", NodeDemand.OneSlot, 1, 0, 0, null, payload) { Dependencies = [NewDependency.OnIndex(0, DependencyKind.AfterOk)] },
            ]),
            None);
        var lease = Assert.Single((await a.NextOfAsync(Body.Leases)).Leases.Leases);
        hub.Post(LoopFixture.Outcome(a, lease.TaskId, 1, exitCode: 1, seq: 1));
        await hub.SyncAsync();
        Assert.Equal(TaskState.UpstreamFailed, (await hub.Store.GetTasksOfJobAsync(job.JobId, None))[1].State);

        Assert.Equal(2, await RetryAsync(hub, job.JobId));
        var tasks = await hub.Store.GetTasksOfJobAsync(job.JobId, None);
        Assert.Equal(TaskState.Blocked, tasks[1].State);
        var again = Assert.Single((await a.NextOfAsync(Body.Leases)).Leases.Leases);
        Assert.Equal(job.TaskIds[0], again.TaskId);
        hub.Post(LoopFixture.Outcome(a, again.TaskId, 2, exitCode: 0, seq: 2));
        hub.Post(new AskCommand(a)); // its slot is free again
        var dependent = Assert.Single((await a.NextOfAsync(Body.Leases)).Leases.Leases);
        Assert.Equal(job.TaskIds[1], dependent.TaskId);
    }

    [Fact]
    public async Task A_retry_is_durable_across_a_hub_restart_and_a_second_retry_of_the_same_tasks_changes_nothing()
    {
        await using var hub = await LoopFixture.StartAsync();
        var job = await hub.SubmitAsync("never");
        await hub.Loop.CancelAsync(job.TaskIds, "test", None);
        var ended = await hub.Store.LoadUnsuccessfulTasksOfJobAsync(job.JobId, None);
        Assert.Equal(1, await RetryAsync(hub, job.JobId));
        Assert.Equal(0, await hub.Loop.RequeueAsync(RequeuedTasks.From(ended), new Dictionary<long, TaskState>(), None));

        await hub.RestartAsync();
        Assert.Equal(TaskState.Pending, (await hub.Store.GetJobAsync(job.JobId, None))!.State);
        var a = hub.Connect("a", slots: 1);
        var lease = Assert.Single((await a.NextOfAsync(Body.Leases)).Leases.Leases);
        Assert.Equal(job.TaskIds[0], lease.TaskId);
    }

    [Fact]
    public async Task The_queue_is_counted_by_resource_class_with_pending_and_blocked_apart()
    {
        await using var hub = await LoopFixture.StartAsync();
        var payload = new TaskPayload { Command = ["x"] };
        var gpu = new NodeDemand(4, 0, 1, ["gpu"]);
        await hub.Loop.SubmitAsync(
            new NewJob("mixed", "tester", "{}", hub.Time.GetUtcNow(),
            [
                new NewTask(0, "a", NodeDemand.OneSlot, 1, 0, 0, null, payload),
                new NewTask(1, "b", NodeDemand.OneSlot, 1, 0, 0, null, payload),
                new NewTask(2, "c", gpu, 1, 0, 0, null, payload),
                new NewTask(3, "d", gpu, 1, 0, 0, null, payload) { Dependencies = [NewDependency.OnIndex(2, DependencyKind.AfterOk)] },
            ]),
            None);
        await hub.SyncAsync();

        var classes = await hub.Loop.ReadStateAsync(QueueClassEndpoint.Group, None);
        Assert.Equal(2, classes.Count);
        var gpus = Assert.Single(classes, c => c.Gpus == 1);
        Assert.Equal("4 slots, 1 GPU [gpu]", gpus.Class);
        Assert.Equal((1, 1), (gpus.Pending, gpus.Blocked));
        var plain = Assert.Single(classes, c => c.Gpus == 0);
        Assert.Equal(("1 slot", 2, 0), (plain.Class, plain.Pending, plain.Blocked));
    }

    [Fact]
    public async Task The_queue_by_class_is_counted_again_only_once_its_last_count_is_two_seconds_old()
    {
        await using var hub = await LoopFixture.StartAsync();
        using var cache = new QueueClassCache(hub.Loop, hub.Time);
        await hub.SubmitAsync("one");
        await hub.SyncAsync();
        Assert.Equal(1, Assert.Single(await cache.GetAsync(None)).Pending);

        await hub.SubmitAsync("two");
        await hub.SyncAsync();
        Assert.Equal(1, Assert.Single(await cache.GetAsync(None)).Pending);
        hub.Time.Advance(QueueClassCache.MaxAge);
        Assert.Equal(2, Assert.Single(await cache.GetAsync(None)).Pending);
    }

    private static async Task<int> RetryAsync(LoopFixture hub, long jobId) =>
        await hub.Loop.RequeueAsync(RequeuedTasks.From(await hub.Store.LoadUnsuccessfulTasksOfJobAsync(jobId, None)), new Dictionary<long, TaskState>(), None);
}
