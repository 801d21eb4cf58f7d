using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public class DrainTests
{
    private readonly SchedulerHarness _h = new();

    [Fact]
    public void Draining_without_hand_back_lets_running_work_finish()
    {
        _h.Submit(1);
        _h.Connect("a");
        var fx = _h.Drain("a", handBack: false);
        Assert.True(fx.IsEmpty);
        Assert.True(_h.Agent("a").Draining);
        Assert.Equal(TaskState.Completed, Assert.Single(_h.Succeed("a", 1, attempt: 1).Transitions).State);
    }

    [Fact]
    public void Draining_with_hand_back_requeues_its_tasks_onto_other_agents()
    {
        _h.Submit(1);
        _h.Submit(2);
        _h.Connect("a");
        _h.Connect("b");
        var fx = _h.Drain("a", handBack: true);
        Assert.Equal(2, fx.Transitions.Count(t => t.State == TaskState.Pending));
        Assert.Equal([("b", 1L, 2), ("b", 2L, 2)], fx.Leases.Select(l => (l.Agent, l.TaskId, l.Attempt)).Order());
        Assert.Equal(0, _h.Agent("a").PartCount);
        Assert.Equal(_h.Agent("a").Total, _h.Agent("a").Free);
    }

    [Fact]
    public void Draining_agent_takes_work_again_after_it_reconnects()
    {
        _h.Connect("a");
        _h.Drain("a", handBack: false);
        _h.Submit(1);
        Assert.Empty(_h.Dispatch().Leases);
        Assert.Single(_h.Connect("a").Leases);
        Assert.False(_h.Agent("a").Draining);
    }

    [Fact]
    public void Draining_an_unknown_agent_does_nothing() =>
        Assert.True(_h.Drain("ghost", handBack: true).IsEmpty);
}
