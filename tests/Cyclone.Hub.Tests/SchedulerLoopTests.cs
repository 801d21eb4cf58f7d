using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Hub.Scheduling;
using Cyclone.Protocol.Agent;
using Body = Cyclone.Protocol.Agent.HubMessage.BodyOneofCase;

namespace Cyclone.Hub.Tests;

public sealed class SchedulerLoopTests
{
    [Fact]
    public async Task Submitted_task_is_leased_to_the_connected_agent_and_its_outcome_completes_the_job()
    {
        await using var hub = await LoopFixture.StartAsync();
        var agent = hub.Connect("a", slots: 2);
        Assert.Equal(Body.Welcome, (await agent.NextAsync()).BodyCase);

        var job = await hub.SubmitAsync("echo");
        var lease = Assert.Single((await agent.NextOfAsync(Body.Leases)).Leases.Leases);
        Assert.Equal(job.TaskIds[0], lease.TaskId);
        Assert.Equal(1, lease.Attempt);
        Assert.Equal(["echo"], lease.Command);
        Assert.Equal(["a"], lease.Nodelist);

        hub.Post(LoopFixture.Outcome(agent, lease.TaskId, 1, exitCode: 0, seq: 7));
        Assert.Equal(7, (await agent.NextOfAsync(Body.Ack)).Ack.UpToSeq);
        var stored = await hub.Store.GetJobAsync(job.JobId, CancellationToken.None);
        Assert.Equal(TaskState.Completed, stored!.State);
        Assert.Equal(0, stored.ExitCode);
    }

    [Fact]
    public async Task Task_of_a_silent_agent_is_redispatched_as_a_new_attempt_and_its_late_outcome_is_ignored()
    {
        await using var hub = await LoopFixture.StartAsync();
        var a = hub.Connect("a", slots: 1);
        var job = await hub.SubmitAsync("work");
        var first = Assert.Single((await a.NextOfAsync(Body.Leases)).Leases.Leases);
        var b = hub.Connect("b", slots: 1);
        await hub.SyncAsync();

        hub.Time.Advance(TimeSpan.FromSeconds(6));
        hub.Post(new HeartbeatCommand(b, new Heartbeat()));
        hub.Time.Advance(TimeSpan.FromSeconds(6));
        hub.Post(new TickCommand());

        var second = Assert.Single((await b.NextOfAsync(Body.Leases)).Leases.Leases);
        Assert.Equal(first.TaskId, second.TaskId);
        Assert.Equal(2, second.Attempt);

        hub.Post(LoopFixture.Outcome(a, first.TaskId, 1, exitCode: 3, seq: 1)); // a's stream was closed: ignored
        hub.Post(LoopFixture.Outcome(b, second.TaskId, 2, exitCode: 0, seq: 1));
        await hub.SyncAsync();
        var tasks = await hub.Store.GetTasksOfJobAsync(job.JobId, CancellationToken.None);
        var task = Assert.Single(tasks);
        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal(2, task.Attempt);
        Assert.Equal(["b"], task.Agents);
    }

    [Fact]
    public async Task After_a_hub_restart_a_reconnecting_agent_keeps_its_running_attempt()
    {
        await using var hub = await LoopFixture.StartAsync();
        var a = hub.Connect("a", slots: 1);
        var job = await hub.SubmitAsync("long");
        var lease = Assert.Single((await a.NextOfAsync(Body.Leases)).Leases.Leases);

        await hub.RestartAsync();
        var again = hub.Connect("a", slots: 1, new RunningPart(lease.TaskId, lease.Attempt, 0));
        await hub.SyncAsync();
        Assert.True(again.HasNo(Body.Stops));

        hub.Post(LoopFixture.Outcome(again, lease.TaskId, lease.Attempt, exitCode: 0, seq: 1));
        await hub.SyncAsync();
        var stored = await hub.Store.GetJobAsync(job.JobId, CancellationToken.None);
        Assert.Equal(TaskState.Completed, stored!.State);
        var task = Assert.Single(await hub.Store.GetTasksOfJobAsync(job.JobId, CancellationToken.None));
        Assert.Equal(1, task.Attempt);
    }

    [Fact]
    public async Task After_a_hub_restart_an_attempt_the_agent_no_longer_runs_is_redispatched_and_an_unknown_one_is_stopped()
    {
        await using var hub = await LoopFixture.StartAsync();
        var a = hub.Connect("a", slots: 1);
        await hub.SubmitAsync("lost");
        var lease = Assert.Single((await a.NextOfAsync(Body.Leases)).Leases.Leases);

        await hub.RestartAsync();
        var again = hub.Connect("a", slots: 1, new RunningPart(9999, 1, 0));
        var stop = Assert.Single((await again.NextOfAsync(Body.Stops)).Stops.Stops);
        Assert.Equal(9999, stop.Attempt.TaskId);
        var redispatched = Assert.Single((await again.NextOfAsync(Body.Leases)).Leases.Leases);
        Assert.Equal(lease.TaskId, redispatched.TaskId);
        Assert.Equal(2, redispatched.Attempt);
    }

    [Fact]
    public async Task An_attempt_that_ended_while_the_hub_was_down_counts_and_is_not_run_again()
    {
        await using var hub = await LoopFixture.StartAsync();
        var a = hub.Connect("a", slots: 1);
        var job = await hub.SubmitAsync("short");
        var lease = Assert.Single((await a.NextOfAsync(Body.Leases)).Leases.Leases);

        await hub.RestartAsync();
        var finished = LoopFixture.Outcome(a, lease.TaskId, lease.Attempt, exitCode: 0, seq: 7).Batch.Outcomes;
        var again = hub.Connect("a", 1, [], finished);
        await hub.SyncAsync();

        Assert.Equal(7, (await again.NextOfAsync(Body.Ack)).Ack.UpToSeq);
        Assert.True(again.HasNo(Body.Leases));
        var task = Assert.Single(await hub.Store.GetTasksOfJobAsync(job.JobId, CancellationToken.None));
        Assert.Equal((TaskState.Completed, 1), (task.State, task.Attempt));
    }

    [Fact]
    public async Task Cancelling_a_running_task_stops_it_on_its_agent_and_records_cancelled()
    {
        await using var hub = await LoopFixture.StartAsync();
        var a = hub.Connect("a", slots: 1);
        var job = await hub.SubmitAsync("sleep");
        var lease = Assert.Single((await a.NextOfAsync(Body.Leases)).Leases.Leases);

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Post(new CancelCommand([lease.TaskId], "test", done));
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stop = Assert.Single((await a.NextOfAsync(Body.Stops)).Stops.Stops);
        Assert.Equal(lease.TaskId, stop.Attempt.TaskId);
        Assert.Equal(TaskState.Cancelled, (await hub.Store.GetJobAsync(job.JobId, CancellationToken.None))!.State);
    }
}
