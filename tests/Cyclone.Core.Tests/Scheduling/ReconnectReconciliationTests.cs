using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public class ReconnectReconciliationTests
{
    private readonly SchedulerHarness _h = new();

    [Fact]
    public void Agent_reconnecting_with_its_current_parts_keeps_them()
    {
        _h.Submit(1, demand: SchedulerHarness.Demand(slots: 3));
        _h.Connect("a", slots: 4);
        _h.State.Disconnected("a");
        _h.Time.Advance(TimeSpan.FromSeconds(5));

        var fx = _h.Connect("a", slots: 4, running: new RunningPart(1, 1, 0));
        Assert.True(fx.IsEmpty);
        Assert.Equal((TaskState.Running, 1), (_h.Task(1).State, _h.Task(1).Attempt));
        var a = _h.Agent("a");
        Assert.True(a.Connected);
        Assert.Equal(_h.Now, a.LastSeen);
        Assert.Equal(new AgentCapacity(1, 16L << 30, 0), a.Free);
        Assert.Equal(0, _h.Succeed("a", 1, attempt: 1).IgnoredOutcomes);
    }

    [Fact]
    public void Reconnecting_agent_running_an_unknown_task_is_told_to_stop_it()
    {
        _h.Connect("a");
        _h.State.Disconnected("a");
        var fx = _h.Connect("a", running: new RunningPart(99, 2, 0));
        var stop = Assert.Single(fx.Stops);
        Assert.Equal(("a", 99L, 2, 0), (stop.Agent, stop.TaskId, stop.Attempt, stop.NodeIndex));
        Assert.Contains("not know this attempt as current", stop.Reason, StringComparison.Ordinal);
        Assert.Equal(_h.Agent("a").Total, _h.Agent("a").Free);
    }

    [Fact]
    public void Reconnecting_agent_running_an_old_attempt_is_told_to_stop_it()
    {
        _h.Submit(1);
        _h.Connect("a");
        _h.Outcome("a", 1, 1, 0, new PartResult(PartEnd.HandedBack, -1));
        _h.Ask("a");
        Assert.Equal(2, _h.Task(1).Attempt);
        _h.State.Disconnected("a");

        var fx = _h.Connect("a", running: [new RunningPart(1, 1, 0), new RunningPart(1, 2, 0)]);
        var stop = Assert.Single(fx.Stops);
        Assert.Equal((1L, 1), (stop.TaskId, stop.Attempt));
        Assert.Empty(fx.Transitions);
        Assert.Equal(2, _h.Task(1).Attempt);
    }

    [Fact]
    public void Reconnecting_agent_running_a_part_placed_on_another_agent_is_told_to_stop_it()
    {
        _h.Submit(1);
        _h.Connect("a");
        _h.Connect("b");
        Assert.Equal("a", _h.Task(1).PartAgents[0]);
        var fx = _h.Connect("b", running: new RunningPart(1, 1, 0));
        Assert.Equal(("b", 1L), (Assert.Single(fx.Stops).Agent, fx.Stops[0].TaskId));
        Assert.Equal(TaskState.Running, _h.Task(1).State);
    }

    [Fact]
    public void Reconnecting_agent_running_a_node_index_the_task_lacks_is_told_to_stop_it()
    {
        _h.Submit(1);
        _h.Connect("a");
        var fx = _h.Connect("a", running: [new RunningPart(1, 1, 0), new RunningPart(1, 1, 5)]);
        Assert.Equal(5, Assert.Single(fx.Stops).NodeIndex);
        Assert.Equal(TaskState.Running, _h.Task(1).State);
    }

    [Fact]
    public void Task_the_agent_no_longer_reports_is_requeued_without_a_stop_order_to_it()
    {
        _h.Submit(1);
        _h.Submit(2);
        _h.Connect("a", slots: 2);
        _h.Connect("b", slots: 0);
        _h.State.Disconnected("a");

        var fx = _h.Connect("a", slots: 0, running: new RunningPart(1, 1, 0));
        Assert.Empty(fx.Stops);
        var t = Assert.Single(fx.Transitions);
        Assert.Equal((2L, TaskState.Pending, 1), (t.TaskId, t.State, t.Attempt));
        Assert.Contains("came back without node 0", t.Reason, StringComparison.Ordinal);
        Assert.Equal(TaskState.Running, _h.Task(1).State);
        Assert.Equal([2L], _h.State.ReadyOrder());
        Assert.Equal(1, _h.Agent("a").PartCount);
    }

    [Fact]
    public void Requeued_task_is_leased_again_as_a_new_attempt_when_room_allows()
    {
        _h.Submit(1);
        _h.Connect("a");
        _h.State.Disconnected("a");
        var fx = _h.Connect("a");
        Assert.Equal([TaskState.Pending, TaskState.Running], fx.Transitions.Select(t => t.State));
        Assert.Equal(2, Assert.Single(fx.Leases).Attempt);
    }

    [Fact]
    public void Gang_node_missing_after_reconnect_stops_the_other_nodes_and_requeues_the_gang()
    {
        _h.Submit(1, nodes: 2);
        _h.Connect("a", slots: 1);
        _h.Connect("b", slots: 1);
        _h.Dispatch();
        _h.State.Disconnected("a");

        var fx = _h.Connect("a", slots: 0);
        var stop = Assert.Single(fx.Stops);
        Assert.Equal(("b", 1L, 1, 1), (stop.Agent, stop.TaskId, stop.Attempt, stop.NodeIndex));
        Assert.Equal(TaskState.Pending, Assert.Single(fx.Transitions).State);
        Assert.Equal(new AgentCapacity(1, 16L << 30, 0), _h.Agent("b").Free);
    }

    [Fact]
    public void Agent_lost_and_back_again_is_told_to_stop_what_was_redispatched()
    {
        _h.Submit(1);
        _h.Connect("a");
        _h.Time.Advance(TimeSpan.FromSeconds(16));
        _h.Tick();
        Assert.Equal(TaskState.Pending, _h.Task(1).State);

        var fx = _h.Connect("a", running: new RunningPart(1, 1, 0));
        Assert.Equal((1L, 1), (Assert.Single(fx.Stops).TaskId, fx.Stops[0].Attempt));
        Assert.Equal(2, Assert.Single(fx.Leases).Attempt);
    }

    [Fact]
    public void Reconnect_updates_the_agents_capacity_and_labels()
    {
        _h.Connect("a", slots: 1);
        _h.Submit(1, demand: SchedulerHarness.Demand(slots: 2, labels: "big"));
        Assert.Empty(_h.Dispatch().Leases);
        var fx = _h.Connect("a", slots: 8, labels: ["big"]);
        Assert.Equal(1, Assert.Single(fx.Leases).TaskId);
        Assert.Equal(new AgentCapacity(8, 16L << 30, 0), _h.Agent("a").Total);
    }
}
