using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public class LeaseExpiryTests
{
    private readonly SchedulerHarness _h = new(new SchedulerOptions { LeaseTimeout = TimeSpan.FromSeconds(15), MaxAttempts = 3 });

    [Fact]
    public void Agent_silent_for_exactly_the_lease_timeout_is_not_yet_lost()
    {
        _h.Submit(1);
        _h.Connect("a");
        _h.Time.Advance(TimeSpan.FromSeconds(15));
        var (lost, fx) = _h.Tick();
        Assert.Empty(lost);
        Assert.True(fx.IsEmpty);
        Assert.Equal(TaskState.Running, _h.Task(1).State);
    }

    [Fact]
    public void Agent_silent_past_the_lease_timeout_is_lost_and_its_task_requeued_as_a_new_attempt()
    {
        _h.Submit(1);
        _h.Connect("a");
        _h.Time.Advance(TimeSpan.FromSeconds(15) + TimeSpan.FromTicks(1));
        var (lost, fx) = _h.Tick();
        Assert.Equal(["a"], lost);
        Assert.Null(_h.State.FindAgent("a"));
        var requeued = Assert.Single(fx.Transitions);
        Assert.Equal((TaskState.Pending, 1, 0), (requeued.State, requeued.Attempt, requeued.Failures));
        Assert.Contains("agent a lost", requeued.Reason, StringComparison.Ordinal);
        Assert.Equal(TaskState.Pending, _h.Task(1).State);
        Assert.Null(_h.Task(1).StartedAt);
        Assert.Equal([1L], _h.State.ReadyOrder());

        var again = _h.Connect("b");
        var lease = Assert.Single(again.Leases);
        Assert.Equal(("b", 2), (lease.Agent, lease.Attempt));
    }

    [Fact]
    public void Lost_agents_task_is_redispatched_in_the_same_tick_to_a_live_agent()
    {
        _h.Submit(1);
        _h.Connect("a");
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        _h.Connect("b");
        _h.Time.Advance(TimeSpan.FromSeconds(6));
        var (lost, fx) = _h.Tick();
        Assert.Equal(["a"], lost);
        Assert.Equal([TaskState.Pending, TaskState.Running], fx.Transitions.Select(t => t.State));
        var lease = Assert.Single(fx.Leases);
        Assert.Equal(("b", 2), (lease.Agent, lease.Attempt));
    }

    [Fact]
    public void Heartbeat_renews_the_lease()
    {
        _h.Submit(1);
        _h.Connect("a");
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        _h.State.Heartbeat("a", _h.Now);
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        var (lost, fx) = _h.Tick();
        Assert.Empty(lost);
        Assert.True(fx.IsEmpty);
        Assert.Equal(_h.Now - TimeSpan.FromSeconds(10), _h.Agent("a").LastSeen);
    }

    [Fact]
    public void Disconnected_agent_keeps_its_task_until_the_lease_runs_out()
    {
        _h.Submit(1);
        _h.Connect("a");
        _h.State.Disconnected("a");
        _h.Time.Advance(TimeSpan.FromSeconds(5));
        _h.State.Heartbeat("a", _h.Now); // ignored: not connected
        Assert.Empty(_h.Tick().Lost);
        Assert.Equal(TaskState.Running, _h.Task(1).State);

        _h.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(["a"], _h.Tick().Lost);
        Assert.Equal(TaskState.Pending, _h.Task(1).State);
    }

    [Fact]
    public void Task_lost_at_its_last_attempt_fails()
    {
        _h.Submit(1);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var lease = Assert.Single(_h.Connect($"agent{attempt}").Leases);
            Assert.Equal(attempt, lease.Attempt);
            _h.Time.Advance(TimeSpan.FromSeconds(16));
            Assert.Equal(TaskState.Pending, Assert.Single(_h.Tick().Effects.Transitions).State);
        }

        Assert.Equal(3, Assert.Single(_h.Connect("agent3").Leases).Attempt);
        _h.Time.Advance(TimeSpan.FromSeconds(16));
        var failed = Assert.Single(_h.Tick().Effects.Transitions);
        Assert.Equal((TaskState.Failed, 3), (failed.State, failed.Attempt));
        Assert.Contains("attempt limit of 3 reached", failed.Reason, StringComparison.Ordinal);
        Assert.Null(failed.ExitCode);
        Assert.Null(_h.State.FindTask(1));
        Assert.Equal(0, _h.State.ReadyCount);
    }

    [Fact]
    public void Losing_one_node_of_a_gang_stops_the_live_nodes_and_requeues_the_whole_task()
    {
        _h.Submit(1, nodes: 2);
        _h.Connect("a");
        _h.Connect("b");
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        _h.State.Heartbeat("b", _h.Now);
        _h.Time.Advance(TimeSpan.FromSeconds(6));
        var (lost, fx) = _h.Tick();
        Assert.Equal(["a"], lost);
        Assert.Contains(fx.Stops, s => s is { Agent: "b", TaskId: 1, Attempt: 1, NodeIndex: 1 });
        Assert.Equal(TaskState.Pending, Assert.Single(fx.Transitions).State);
        Assert.Equal(_h.Agent("b").Total, _h.Agent("b").Free);
        Assert.Equal(0, _h.Agent("b").PartCount);
    }

    [Fact]
    public void Outcome_from_a_lost_agent_after_requeue_is_ignored()
    {
        _h.Submit(1);
        _h.Connect("a");
        _h.Time.Advance(TimeSpan.FromSeconds(16));
        _h.Tick();
        var fx = _h.Succeed("a", 1, attempt: 1);
        Assert.Equal(1, fx.IgnoredOutcomes);
        Assert.Empty(fx.Transitions);
        Assert.Equal(TaskState.Pending, _h.Task(1).State);
    }

    [Fact]
    public void Idle_silent_agent_is_forgotten_without_effects()
    {
        _h.Connect("idle");
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        var (lost, fx) = _h.Tick();
        Assert.Equal(["idle"], lost);
        Assert.True(fx.IsEmpty);
        Assert.Empty(_h.State.Agents);
    }
}
