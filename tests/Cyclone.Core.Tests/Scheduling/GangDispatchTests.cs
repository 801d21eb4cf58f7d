using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public class GangDispatchTests
{
    private readonly SchedulerHarness _h = new();

    [Fact]
    public void Multi_node_task_is_leased_on_distinct_agents_at_once()
    {
        _h.Connect("a");
        _h.Connect("b");
        _h.Connect("c");
        _h.Submit(1, nodes: 3);
        var fx = _h.Dispatch();
        Assert.Equal(3, fx.Leases.Count);
        Assert.Equal(["a", "b", "c"], fx.Leases.Select(l => l.Agent));
        Assert.Equal([0, 1, 2], fx.Leases.Select(l => l.NodeIndex));
        Assert.All(fx.Leases, l => Assert.Equal(["a", "b", "c"], l.NodeList));
        Assert.All(fx.Leases, l => Assert.Equal(1, l.Attempt));
        var t = Assert.Single(fx.Transitions);
        Assert.Equal(["a", "b", "c"], t.Agents!);
        Assert.Equal(["a", "b", "c"], _h.Task(1).PartAgents.Select(p => p!));
    }

    [Fact]
    public void Nothing_is_placed_when_only_n_minus_one_agents_fit()
    {
        _h.Connect("a");
        _h.Connect("b");
        _h.Submit(1, nodes: 3);
        var fx = _h.Dispatch();
        Assert.True(fx.IsEmpty);
        Assert.Equal(TaskState.Pending, _h.Task(1).State);
        Assert.Equal(0, _h.Task(1).Attempt);
        Assert.All(_h.State.Agents, a => Assert.Equal(a.Total, a.Free));
        Assert.All(_h.Task(1).PartAgents, Assert.Null);
    }

    [Fact]
    public void Gang_waiting_for_agents_is_placed_when_the_last_one_connects()
    {
        _h.Connect("a");
        _h.Connect("b");
        _h.Submit(1, nodes: 3);
        Assert.Empty(_h.Dispatch().Leases);
        var fx = _h.Connect("c");
        Assert.Equal(["a", "b", "c"], fx.Leases.Select(l => l.Agent).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Gang_is_never_doubled_up_on_one_big_agent()
    {
        _h.Connect("big", slots: 64);
        _h.Submit(1, nodes: 2);
        Assert.Empty(_h.Dispatch().Leases);
    }

    [Fact]
    public void Gang_starts_on_the_agent_being_served_even_if_an_earlier_asker_has_room()
    {
        // x asked first but stops scanning after one task (scan depth 1); the gang is placed while serving y.
        var h = new SchedulerHarness(new SchedulerOptions { ScanDepth = 1 });
        h.Connect("x", slots: 2);
        h.Connect("y", slots: 1);
        h.Submit(1, priority: 10);
        h.Submit(2, nodes: 2);
        var fx = h.Dispatch();
        Assert.Equal([("x", 1L, 0), ("y", 2L, 0), ("x", 2L, 1)], fx.Leases.Select(l => (l.Agent, l.TaskId, l.NodeIndex)));
        Assert.All(fx.Leases.Where(l => l.TaskId == 2), l => Assert.Equal(["y", "x"], l.NodeList));
    }

    [Fact]
    public void Gang_honours_slots_memory_gpus_and_labels_on_every_node()
    {
        _h.Connect("no-label", slots: 8, memGb: 64, gpus: 2);
        _h.Connect("few-slots", slots: 1, memGb: 64, gpus: 2, labels: ["ib"]);
        _h.Connect("little-mem", slots: 8, memGb: 2, gpus: 2, labels: ["ib"]);
        _h.Connect("no-gpu", slots: 8, memGb: 64, gpus: 0, labels: ["ib"]);
        _h.Connect("ok1", slots: 8, memGb: 64, gpus: 2, labels: ["ib"]);
        _h.Connect("ok2", slots: 4, memGb: 8, gpus: 1, labels: ["ib", "x"]);
        _h.Submit(1, nodes: 2, demand: SchedulerHarness.Demand(slots: 4, memGb: 8, gpus: 1, labels: "ib"));
        var fx = _h.Dispatch();
        Assert.Equal(["ok1", "ok2"], fx.Leases.Select(l => l.Agent));
        Assert.Equal(new AgentCapacity(0, 0, 0), _h.Agent("ok2").Free);
    }

    [Fact]
    public void Gang_that_cannot_be_placed_does_not_block_a_smaller_task()
    {
        _h.Connect("a");
        _h.Submit(1, priority: 10, nodes: 2);
        _h.Submit(2);
        var fx = _h.Dispatch();
        Assert.Equal(2, Assert.Single(fx.Leases).TaskId);
        Assert.Equal([1L], _h.State.ReadyOrder());
    }

    [Fact]
    public void Gang_completes_only_when_every_node_succeeded()
    {
        _h.Connect("a");
        _h.Connect("b");
        _h.Submit(1, nodes: 2);
        _h.Dispatch();
        Assert.Empty(_h.Succeed("b", 1, attempt: 1, node: 1).Transitions);
        Assert.Equal(TaskState.Running, _h.Task(1).State);
        var done = Assert.Single(_h.Succeed("a", 1, attempt: 1, node: 0).Transitions);
        Assert.Equal((TaskState.Completed, 0), (done.State, done.ExitCode));
        Assert.Null(_h.State.FindTask(1));
    }

    [Fact]
    public void Failing_node_stops_the_other_nodes_of_its_attempt()
    {
        _h.Connect("a");
        _h.Connect("b");
        _h.Connect("c");
        _h.Submit(1, nodes: 3);
        _h.Dispatch();
        var fx = _h.Fail("b", 1, attempt: 1, node: 1, exitCode: 3);
        Assert.Equal([("a", 0), ("c", 2)], fx.Stops.Select(s => (s.Agent, s.NodeIndex)));
        Assert.All(fx.Stops, s => Assert.Equal(1, s.Attempt));
        var t = Assert.Single(fx.Transitions);
        Assert.Equal((TaskState.Failed, 3), (t.State, t.ExitCode));
        Assert.All(_h.State.Agents, a => Assert.Equal(a.Total, a.Free));
    }

    [Fact]
    public void Node_that_already_succeeded_gets_no_stop_order_when_another_node_fails()
    {
        _h.Connect("a");
        _h.Connect("b");
        _h.Submit(1, nodes: 2);
        _h.Dispatch();
        _h.Succeed("a", 1, attempt: 1, node: 0);
        var fx = _h.Fail("b", 1, attempt: 1, node: 1);
        Assert.Empty(fx.Stops);
        Assert.Equal(TaskState.Failed, Assert.Single(fx.Transitions).State);
    }

    [Fact]
    public void Task_with_fewer_than_one_node_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SchedulerHarness.NewTask(1, nodes: 0));
}
