using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public class DispatchTests
{
    private readonly SchedulerHarness _h = new();

    [Fact]
    public void Higher_priority_task_is_dispatched_first()
    {
        _h.Submit(1, priority: 0);
        _h.Submit(2, priority: 5);
        var fx = _h.Connect("a", slots: 1);
        Assert.Equal(2, Assert.Single(fx.Leases).TaskId);
        Assert.Equal([1L], _h.State.ReadyOrder());
    }

    [Fact]
    public void Among_equal_priorities_the_older_submission_is_dispatched_first()
    {
        _h.Submit(1, sequence: 20);
        _h.Submit(2, sequence: 10);
        var fx = _h.Connect("a", slots: 1);
        Assert.Equal(2, Assert.Single(fx.Leases).TaskId);
    }

    [Fact]
    public void Ready_order_is_priority_then_age()
    {
        _h.Submit(1, priority: 1, sequence: 3);
        _h.Submit(2, priority: 1, sequence: 1);
        _h.Submit(3, priority: 9, sequence: 5);
        _h.Submit(4, priority: 0, sequence: 0);
        Assert.Equal([3L, 2L, 1L, 4L], _h.State.ReadyOrder());
        Assert.Equal(4, _h.State.ReadyCount);
    }

    [Fact]
    public void Work_goes_to_the_agent_that_asked_first()
    {
        _h.Connect("a");
        _h.Connect("b");
        _h.Submit(1);
        var fx = _h.Dispatch();
        Assert.Equal("a", Assert.Single(fx.Leases).Agent);
    }

    [Fact]
    public void Asking_again_puts_an_agent_at_the_back_of_the_line()
    {
        _h.Connect("a");
        _h.Connect("b");
        _h.Ask("a");
        _h.Submit(1);
        var fx = _h.Dispatch();
        Assert.Equal("b", Assert.Single(fx.Leases).Agent);
    }

    [Fact]
    public void First_asker_takes_all_that_fits_before_the_next_is_served()
    {
        _h.Connect("a", slots: 2);
        _h.Connect("b", slots: 2);
        _h.Submit(1);
        _h.Submit(2);
        _h.Submit(3);
        var fx = _h.Dispatch();
        Assert.Equal([("a", 1L), ("a", 2L), ("b", 3L)], fx.Leases.Select(l => (l.Agent, l.TaskId)));
        Assert.Equal(0, _h.State.ReadyCount);
    }

    [Fact]
    public void Lease_is_attempt_one_of_node_zero_and_is_recorded_as_running()
    {
        _h.Submit(1);
        var fx = _h.Connect("a");
        var lease = Assert.Single(fx.Leases);
        Assert.Equal(new LeaseGrant("a", 1, 1001, 1, 0, lease.NodeList), lease);
        Assert.Equal(["a"], lease.NodeList);
        var t = Assert.Single(fx.Transitions);
        Assert.Equal((1L, 1001L, TaskState.Running, 1, 0, _h.Now), (t.TaskId, t.JobId, t.State, t.Attempt, t.Failures, t.At));
        Assert.Equal(["a"], t.Agents!);
        Assert.Equal(TaskState.Running, _h.Task(1).State);
        Assert.Equal(_h.Now, _h.Task(1).StartedAt);
    }

    [Fact]
    public void Leased_demand_is_taken_from_the_agents_free_capacity()
    {
        _h.Submit(1, demand: SchedulerHarness.Demand(slots: 3, memGb: 4, gpus: 1));
        _h.Connect("a", slots: 8, memGb: 16, gpus: 2);
        var a = _h.Agent("a");
        Assert.Equal(new AgentCapacity(5, 12L << 30, 1), a.Free);
        Assert.Equal(1, a.PartCount);
    }

    [Fact]
    public void Task_waits_while_no_agent_has_room()
    {
        _h.Connect("a", slots: 1);
        _h.Submit(1);
        _h.Submit(2);
        var fx = _h.Dispatch();
        Assert.Equal(1, Assert.Single(fx.Leases).TaskId);
        Assert.Empty(_h.Ask("a").Leases);
        Assert.Equal(TaskState.Pending, _h.Task(2).State);
    }

    [Fact]
    public void Finished_task_frees_its_slot_for_the_next_one()
    {
        _h.Submit(1);
        _h.Submit(2);
        _h.Connect("a", slots: 1);
        _h.Succeed("a", 1, attempt: 1);
        var fx = _h.Ask("a");
        Assert.Equal(2, Assert.Single(fx.Leases).TaskId);
    }

    [Fact]
    public void Smaller_lower_priority_task_fills_room_a_larger_higher_priority_one_cannot_use()
    {
        _h.Submit(1, priority: 10, demand: SchedulerHarness.Demand(slots: 8));
        _h.Submit(2, priority: 0);
        var fx = _h.Connect("a", slots: 4);
        Assert.Equal(2, Assert.Single(fx.Leases).TaskId);
        Assert.Equal([1L], _h.State.ReadyOrder());
    }

    [Fact]
    public void Labelled_task_goes_only_to_an_agent_with_the_label()
    {
        _h.Connect("plain");
        _h.Connect("gpu", labels: ["gpu"]);
        _h.Submit(1, demand: SchedulerHarness.Demand(labels: "gpu"));
        var fx = _h.Dispatch();
        Assert.Equal("gpu", Assert.Single(fx.Leases).Agent);
    }

    [Fact]
    public void Task_needing_more_memory_than_an_agent_has_free_is_not_placed_there()
    {
        _h.Connect("small", memGb: 2);
        _h.Connect("large", memGb: 64);
        _h.Submit(1, demand: SchedulerHarness.Demand(memGb: 8));
        Assert.Equal("large", Assert.Single(_h.Dispatch().Leases).Agent);
    }

    [Fact]
    public void Task_needing_gpus_waits_for_an_agent_with_gpus()
    {
        _h.Connect("cpu");
        _h.Submit(1, demand: SchedulerHarness.Demand(gpus: 1));
        Assert.Empty(_h.Dispatch().Leases);
        Assert.Equal("gpu", Assert.Single(_h.Connect("gpu", gpus: 1).Leases).Agent);
    }

    [Fact]
    public void Draining_agent_gets_no_new_work()
    {
        _h.Connect("a");
        _h.Drain("a", handBack: false);
        _h.Submit(1);
        Assert.Empty(_h.Dispatch().Leases);
        Assert.Empty(_h.Ask("a").Leases);
    }

    [Fact]
    public void Disconnected_agent_gets_no_new_work_and_cannot_ask()
    {
        _h.Connect("a");
        _h.State.Disconnected("a");
        _h.Submit(1);
        Assert.Empty(_h.Dispatch().Leases);
        Assert.Empty(_h.Ask("a").Leases);
        Assert.False(_h.Agent("a").Connected);
    }

    [Fact]
    public void Ask_from_an_unknown_agent_does_nothing()
    {
        _h.Submit(1);
        Assert.True(_h.Ask("ghost").IsEmpty);
    }

    [Fact]
    public void Scan_depth_bounds_how_far_past_unplaceable_tasks_an_agent_looks()
    {
        var h = new SchedulerHarness(new SchedulerOptions { ScanDepth = 1 });
        h.Submit(1, demand: SchedulerHarness.Demand(slots: 99));
        h.Submit(2);
        Assert.Empty(h.Connect("a").Leases);

        var deeper = new SchedulerHarness(new SchedulerOptions { ScanDepth = 2 });
        deeper.Submit(1, demand: SchedulerHarness.Demand(slots: 99));
        deeper.Submit(2);
        Assert.Equal(2, Assert.Single(deeper.Connect("a").Leases).TaskId);
    }

    [Fact]
    public void Why_unsatisfiable_judges_only_connected_agents_that_take_work()
    {
        Assert.Null(_h.State.WhyUnsatisfiable(SchedulerHarness.Demand(slots: 64), 1));
        _h.Connect("a", slots: 4);
        _h.Connect("big", slots: 64);
        Assert.Null(_h.State.WhyUnsatisfiable(SchedulerHarness.Demand(slots: 64), 1));
        _h.Drain("big", handBack: false);
        var why = _h.State.WhyUnsatisfiable(SchedulerHarness.Demand(slots: 64), 1);
        Assert.NotNull(why);
        Assert.Contains("only 0 of the 1 connected agent(s)", why, StringComparison.Ordinal);
    }
}
