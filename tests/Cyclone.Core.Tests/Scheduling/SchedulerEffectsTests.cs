using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public class SchedulerEffectsTests
{
    [Fact]
    public void New_effects_are_empty() => Assert.True(new SchedulerEffects().IsEmpty);

    [Fact]
    public void Any_transition_lease_or_stop_makes_effects_non_empty()
    {
        var now = DateTimeOffset.UnixEpoch;
        var a = new SchedulerEffects();
        a.Transitions.Add(new TaskTransition(1, 1, TaskState.Running, 1, 0, now));
        var b = new SchedulerEffects();
        b.Leases.Add(new LeaseGrant("a", 1, 1, 1, 0, ["a"]));
        var c = new SchedulerEffects();
        c.Stops.Add(new StopOrder("a", 1, 1, 0, "x"));
        Assert.All([a, b, c], fx => Assert.False(fx.IsEmpty));
    }

    [Fact]
    public void Ignored_outcomes_alone_leave_effects_empty_and_clear_resets_everything()
    {
        var h = new SchedulerHarness();
        var fx = new SchedulerEffects();
        h.State.ReportOutcome("a", 1, 1, 0, new PartResult(PartEnd.Exited, 0), h.Now, fx);
        Assert.Equal(1, fx.IgnoredOutcomes);
        Assert.True(fx.IsEmpty);

        fx.Stops.Add(new StopOrder("a", 1, 1, 0, "x"));
        fx.Clear();
        Assert.True(fx.IsEmpty);
        Assert.Equal(0, fx.IgnoredOutcomes);
    }
}
