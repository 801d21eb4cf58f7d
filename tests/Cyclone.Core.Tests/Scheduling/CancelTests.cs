using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public class CancelTests
{
    private readonly SchedulerHarness _h = new();

    [Fact]
    public void Cancelled_pending_task_ends_at_once_without_stop_orders()
    {
        _h.Submit(1);
        var fx = _h.Cancel(1);
        var t = Assert.Single(fx.Transitions);
        Assert.Equal((1L, TaskState.Cancelled, 0, "cancelled by test"), (t.TaskId, t.State, t.Attempt, t.Reason));
        Assert.Empty(fx.Stops);
        Assert.Equal(0, _h.State.ReadyCount);
        Assert.Null(_h.State.FindTask(1));
    }

    [Fact]
    public void Cancelled_pending_task_is_never_dispatched()
    {
        _h.Submit(1);
        _h.Cancel(1);
        Assert.Empty(_h.Connect("a").Leases);
    }

    [Fact]
    public void Cancelled_running_task_gets_a_stop_order_on_every_node()
    {
        _h.Connect("a");
        _h.Connect("b");
        _h.Submit(1, nodes: 2);
        _h.Dispatch();
        var fx = _h.Cancel(1);
        Assert.Equal([("a", 0), ("b", 1)], fx.Stops.Select(s => (s.Agent, s.NodeIndex)));
        Assert.All(fx.Stops, s => Assert.Equal((1L, 1, "cancelled by test"), (s.TaskId, s.Attempt, s.Reason)));
        var t = Assert.Single(fx.Transitions);
        Assert.Equal((TaskState.Cancelled, 1), (t.State, t.Attempt));
        Assert.All(_h.State.Agents, a => Assert.Equal((a.Total, 0), (a.Free, a.PartCount)));
    }

    [Fact]
    public void Cancelling_a_running_task_dispatches_the_next_one_into_its_room()
    {
        _h.Connect("a", slots: 1);
        _h.Submit(1);
        _h.Submit(2);
        _h.Dispatch();
        var fx = _h.Cancel(1);
        Assert.Equal([TaskState.Cancelled, TaskState.Running], fx.Transitions.Select(t => t.State));
        Assert.Equal(2, Assert.Single(fx.Leases).TaskId);
    }

    [Fact]
    public void Outcome_arriving_after_cancel_is_ignored()
    {
        _h.Connect("a");
        _h.Submit(1);
        _h.Dispatch();
        _h.Cancel(1);
        var fx = _h.Outcome("a", 1, 1, 0, new PartResult(PartEnd.Stopped, -1));
        Assert.Equal(1, fx.IgnoredOutcomes);
        Assert.Empty(fx.Transitions);
    }

    [Fact]
    public void Cancelling_an_unknown_or_finished_task_does_nothing()
    {
        _h.Connect("a");
        _h.Submit(1);
        _h.Dispatch();
        _h.Succeed("a", 1, attempt: 1);
        Assert.True(_h.Cancel(1, 99).IsEmpty);
    }

    [Fact]
    public void Cancelled_blocked_task_ends_cancelled()
    {
        var task = SchedulerHarness.NewTask(1);
        _h.State.Restore(task, TaskState.Blocked, 0, 0, [], null, _h.Now);
        var t = Assert.Single(_h.Cancel(1).Transitions);
        Assert.Equal(TaskState.Cancelled, t.State);
        Assert.Equal(0, _h.State.ActiveCount);
    }

    [Fact]
    public void Cancelling_several_tasks_cancels_each_once()
    {
        _h.Connect("a", slots: 1);
        _h.Submit(1);
        _h.Submit(2);
        _h.Submit(3);
        _h.Dispatch();
        var fx = _h.Cancel(1, 2, 3);
        Assert.Equal([1L, 2L, 3L], fx.Transitions.Select(t => t.TaskId));
        Assert.All(fx.Transitions, t => Assert.Equal(TaskState.Cancelled, t.State));
        Assert.Single(fx.Stops);
        Assert.Empty(fx.Leases);
    }
}
