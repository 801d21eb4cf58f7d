using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;

namespace Cyclone.Core.Tests.Scheduling;

/// <summary>A pilot agent (one with an allocation end) is given only tasks whose time limit ends before its allocation does.</summary>
public class PilotDispatchTests
{
    private readonly SchedulerHarness _h = new();

    private SchedulerEffects ConnectPilot(string name, TimeSpan left)
    {
        var fx = new SchedulerEffects();
        _h.State.Connect(name, new AgentCapacity(4, 16L << 30, 0), SchedulerHarness.Labels(), [], _h.Now, fx, availableUntil: _h.Now + left);
        return fx;
    }

    [Fact]
    public void A_task_whose_time_limit_reaches_past_the_pilots_allocation_is_not_leased_to_it()
    {
        _h.Submit(1, timeLimit: TimeSpan.FromMinutes(30));
        var fx = ConnectPilot("pilot", TimeSpan.FromMinutes(20));
        Assert.Empty(fx.Leases);
        Assert.Equal([1L], _h.State.ReadyOrder());
    }

    [Fact]
    public void A_task_that_fits_in_the_time_left_is_leased_while_a_longer_one_waits_for_another_agent()
    {
        _h.Submit(1, timeLimit: TimeSpan.FromHours(2), sequence: 1);
        _h.Submit(2, timeLimit: TimeSpan.FromMinutes(10), sequence: 2);
        var fx = ConnectPilot("pilot", TimeSpan.FromMinutes(20));
        Assert.Equal(2, Assert.Single(fx.Leases).TaskId);

        var plain = _h.Connect("plain");
        Assert.Equal(1, Assert.Single(plain.Leases).TaskId);
    }

    [Fact]
    public void A_task_without_a_time_limit_goes_to_a_pilot()
    {
        _h.Submit(1);
        Assert.Single(ConnectPilot("pilot", TimeSpan.FromMinutes(1)).Leases);
    }

    [Fact]
    public void A_gang_leaves_out_a_pilot_whose_allocation_ends_too_soon()
    {
        _h.Submit(1, nodes: 2, timeLimit: TimeSpan.FromHours(1));
        ConnectPilot("pilot", TimeSpan.FromMinutes(30));
        Assert.Empty(_h.Connect("a").Leases);
        var fx = _h.Connect("b");
        Assert.Equal(["a", "b"], fx.Leases.Select(l => l.Agent).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_agent_without_an_allocation_end_takes_any_time_limit()
    {
        Assert.True(Placement.FitsInTime(TimeSpan.FromDays(7), null, DateTimeOffset.UnixEpoch));
        Assert.True(Placement.FitsInTime(TimeSpan.FromMinutes(5), DateTimeOffset.UnixEpoch.AddMinutes(5), DateTimeOffset.UnixEpoch));
        Assert.False(Placement.FitsInTime(TimeSpan.FromMinutes(5), DateTimeOffset.UnixEpoch.AddMinutes(4), DateTimeOffset.UnixEpoch));
    }
}
