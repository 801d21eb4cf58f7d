using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public sealed class PrefetchTests
{
    private readonly SchedulerHarness _h = new();

    private void Submit(long from, long to, string runnerClass, int nodes = 1, int slots = 1)
    {
        for (var id = from; id <= to; id++)
        {
            _h.State.Add(new SchedulerTask(id, jobId: 1, new NodeDemand(slots, 0, 0, []), nodes, 0, id) { RunnerClass = runnerClass });
        }
    }

    private SchedulerEffects ConnectWithPrefetch(string name, int slots, int prefetch)
    {
        var fx = new SchedulerEffects();
        _h.State.Connect(name, new AgentCapacity(slots, 16L << 30, 0), SchedulerHarness.Labels(), [], _h.Now, fx, prefetch);
        return fx;
    }

    /// <summary>Runs <paramref name="count"/> tasks of the class on agent a, each taking <paramref name="each"/>.</summary>
    private void Learn(long firstId, int count, TimeSpan each)
    {
        for (var id = firstId; id < firstId + count; id++)
        {
            _h.Time.Advance(each);
            _h.Succeed("a", id, 1);
        }
    }

    /// <summary>Completes the first four tasks (two slots' worth at a time), each after <paramref name="each"/>.</summary>
    private void RunFirstFour(TimeSpan each)
    {
        Learn(1, 2, each);
        _h.Dispatch();
        Learn(3, 2, each);
    }

    [Fact]
    public void Short_tasks_are_queued_on_an_agent_beyond_its_free_slots_up_to_its_prefetch()
    {
        Submit(1, 100, "noop");
        Assert.Equal(2, ConnectWithPrefetch("a", slots: 2, prefetch: 8).Leases.Count);
        RunFirstFour(TimeSpan.FromMilliseconds(1));

        // four short attempts seen: the agent now holds its 2 slots plus 8 queued
        _h.Dispatch();
        Assert.Equal(10, _h.Agent("a").PartCount);
        Assert.Equal(-8, _h.Agent("a").Free.Slots);
    }

    [Fact]
    public void Long_tasks_and_tasks_never_seen_are_not_queued_ahead_of_a_free_slot()
    {
        Submit(1, 100, "simulate");
        ConnectWithPrefetch("a", slots: 2, prefetch: 8);
        Assert.Equal(2, _h.Agent("a").PartCount);
        RunFirstFour(TimeSpan.FromSeconds(5));
        _h.Dispatch();
        Assert.Equal(2, _h.Agent("a").PartCount);
        Assert.False(_h.State.Durations.IsShort("simulate", _h.State.Options.ShortTask));
    }

    [Fact]
    public void Tasks_that_ran_briefly_on_the_agent_count_as_short_however_long_they_waited_in_its_queue()
    {
        Submit(1, 100, "true");
        ConnectWithPrefetch("a", slots: 2, prefetch: 8);
        for (var id = 1L; id <= 4; id++)
        {
            _h.Time.Advance(TimeSpan.FromSeconds(2)); // two seconds from lease to outcome, most of it queued behind others
            _h.Outcome("a", id, 1, 0, new PartResult(PartEnd.Exited, 0, RunTime: TimeSpan.FromMilliseconds(4)));
            _h.Dispatch();
        }

        Assert.True(_h.State.Durations.IsShort("true", _h.State.Options.ShortTask));
        Assert.Equal(TimeSpan.FromMilliseconds(4), _h.State.Durations.Mean("true"));
        Assert.True(_h.Agent("a").PartCount > 2, "the short tasks are queued beyond the free slots");
    }

    [Fact]
    public void An_agent_without_prefetch_gets_no_more_than_its_slots()
    {
        Submit(1, 100, "noop");
        ConnectWithPrefetch("a", slots: 2, prefetch: 0);
        RunFirstFour(TimeSpan.FromMilliseconds(1));
        _h.Dispatch();
        Assert.Equal(2, _h.Agent("a").PartCount);
    }

    [Fact]
    public void An_idle_agent_gets_waiting_work_before_a_busy_agent_queues_more()
    {
        Submit(1, 6, "noop");
        ConnectWithPrefetch("a", slots: 2, prefetch: 8);
        RunFirstFour(TimeSpan.FromMilliseconds(1));
        Submit(7, 8, "noop");

        var fx = ConnectWithPrefetch("b", slots: 2, prefetch: 0);
        Assert.Equal(2, fx.Leases.Count(l => l.Agent == "b"));
    }

    [Fact]
    public void A_task_larger_than_the_agent_is_never_queued_on_it()
    {
        Submit(1, 4, "noop");
        ConnectWithPrefetch("a", slots: 2, prefetch: 64);
        RunFirstFour(TimeSpan.FromMilliseconds(1));
        Submit(5, 5, "noop", slots: 4);
        _h.Dispatch();
        Assert.Equal(TaskState.Pending, _h.Task(5).State);
    }
}
