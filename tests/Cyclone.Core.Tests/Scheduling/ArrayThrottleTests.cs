using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public sealed class ArrayThrottleTests
{
    private readonly SchedulerHarness _h = new();

    private void SubmitArray(int count, int limit)
    {
        var tasks = Enumerable.Range(1, count)
            .Select(i => new SchedulerTask(i, jobId: 7, NodeDemand.OneSlot, 1, 0, i) { MaxActiveInJob = limit })
            .ToArray();
        _h.State.Submit(tasks, _ => null, _h.Now, new SchedulerEffects());
    }

    private int Running => Enumerable.Range(1, 100).Count(i => _h.State.FindTask(i)?.State == TaskState.Running);

    [Fact]
    public void At_most_the_limit_runs_at_once_even_with_free_slots()
    {
        SubmitArray(20, limit: 3);
        var fx = _h.Connect("a", slots: 16);
        Assert.Equal(3, fx.Leases.Count);
        Assert.Equal(3, _h.State.ReadyCount + Running);
    }

    [Fact]
    public void A_finished_element_lets_the_next_in_order_start()
    {
        SubmitArray(5, limit: 2);
        _h.Connect("a", slots: 16);
        _h.Succeed("a", 1, 1);
        var fx = _h.Dispatch();
        Assert.Equal(3, Assert.Single(fx.Leases).TaskId);
    }

    [Fact]
    public void Cancelling_a_held_element_does_not_free_a_place()
    {
        SubmitArray(5, limit: 2);
        _h.Connect("a", slots: 16);
        _h.Cancel(4);
        _h.Succeed("a", 1, 1);
        Assert.Equal(3, Assert.Single(_h.Dispatch().Leases).TaskId);
        _h.Succeed("a", 2, 1);
        Assert.Equal(5, Assert.Single(_h.Dispatch().Leases).TaskId);
    }

    [Fact]
    public void Cancelling_a_running_element_lets_a_held_one_start()
    {
        SubmitArray(3, limit: 1);
        _h.Connect("a", slots: 16);
        var fx = _h.Cancel(1);
        Assert.Equal(2, Assert.Single(fx.Leases).TaskId);
    }

    [Fact]
    public void A_retried_element_keeps_its_place()
    {
        var tasks = Enumerable.Range(1, 3)
            .Select(i => new SchedulerTask(i, jobId: 7, NodeDemand.OneSlot, 1, 0, i) { MaxActiveInJob = 1, MaxRetries = 1 })
            .ToArray();
        _h.State.Submit(tasks, _ => null, _h.Now, new SchedulerEffects());
        _h.Connect("a", slots: 16);
        _h.Fail("a", 1, 1);
        var lease = Assert.Single(_h.Dispatch().Leases);
        Assert.Equal((1L, 2), (lease.TaskId, lease.Attempt));
    }
}
