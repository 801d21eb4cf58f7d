using Cyclone.Core.Resources;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public class RestoreTests
{
    private readonly SchedulerHarness _h = new();

    [Fact]
    public void Restored_pending_task_is_ready()
    {
        _h.State.Restore(SchedulerHarness.NewTask(1), TaskState.Pending, attempt: 2, failures: 1, [], null, _h.Now);
        Assert.Equal([1L], _h.State.ReadyOrder());
        var lease = Assert.Single(_h.Connect("a").Leases);
        Assert.Equal(3, lease.Attempt);
    }

    [Fact]
    public void Restored_blocked_task_is_active_but_not_ready()
    {
        _h.State.Restore(SchedulerHarness.NewTask(1), TaskState.Blocked, 0, 0, [], null, _h.Now);
        Assert.Equal(1, _h.State.ActiveCount);
        Assert.Equal(0, _h.State.ReadyCount);
        Assert.Empty(_h.Connect("a").Leases);
    }

    [Fact]
    public void Agent_reconnecting_after_a_restart_keeps_its_restored_attempt()
    {
        var started = _h.Now - TimeSpan.FromMinutes(5);
        _h.State.Restore(SchedulerHarness.NewTask(1, demand: SchedulerHarness.Demand(slots: 2)), TaskState.Running, 3, 1, ["a"], started, _h.Now);
        Assert.False(_h.Agent("a").Connected);
        Assert.Equal(AgentCapacity.None, _h.Agent("a").Free);

        var fx = _h.Connect("a", slots: 4, running: new Cyclone.Core.Scheduling.RunningPart(1, 3, 0));
        Assert.True(fx.IsEmpty);
        Assert.Equal(new AgentCapacity(2, 16L << 30, 0), _h.Agent("a").Free);
        var done = Assert.Single(_h.Succeed("a", 1, attempt: 3).Transitions);
        Assert.Equal((TaskState.Completed, 3, 1), (done.State, done.Attempt, done.Failures));
    }

    [Fact]
    public void Restored_running_task_whose_agent_never_returns_is_requeued_after_one_lease_timeout()
    {
        _h.State.Restore(SchedulerHarness.NewTask(1), TaskState.Running, 1, 0, ["a"], _h.Now, _h.Now);
        _h.Time.Advance(TimeSpan.FromSeconds(15));
        Assert.Empty(_h.Tick().Lost);
        _h.Time.Advance(TimeSpan.FromSeconds(1));
        var (lost, fx) = _h.Tick();
        Assert.Equal(["a"], lost);
        Assert.Equal((TaskState.Pending, 1), (Assert.Single(fx.Transitions).State, fx.Transitions[0].Attempt));
    }

    [Fact]
    public void Restored_running_task_the_agent_no_longer_has_is_requeued_on_reconnect()
    {
        _h.State.Restore(SchedulerHarness.NewTask(1), TaskState.Running, 1, 0, ["a"], _h.Now, _h.Now);
        var fx = _h.Connect("a");
        Assert.Equal([TaskState.Pending, TaskState.Running], fx.Transitions.Select(t => t.State));
        Assert.Equal(2, Assert.Single(fx.Leases).Attempt);
    }
}
