using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public class RetryTests
{
    [Fact]
    public void Task_without_retries_fails_on_its_first_non_zero_exit()
    {
        var h = new SchedulerHarness();
        h.Submit(1);
        h.Connect("a");
        var t = Assert.Single(h.Fail("a", 1, attempt: 1, exitCode: 2).Transitions);
        Assert.Equal((TaskState.Failed, 1, 1, 2), (t.State, t.Attempt, t.Failures, t.ExitCode!.Value));
        Assert.Null(h.State.FindTask(1));
    }

    [Fact]
    public void Failed_attempt_is_retried_while_retries_remain_then_fails()
    {
        var h = new SchedulerHarness();
        h.Submit(1, maxRetries: 2);
        h.Connect("a");
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var fx = h.Fail("a", 1, attempt, exitCode: 9);
            var requeued = Assert.Single(fx.Transitions);
            Assert.Equal((TaskState.Pending, attempt, attempt), (requeued.State, requeued.Attempt, requeued.Failures));
            Assert.Equal(attempt + 1, Assert.Single(h.Ask("a").Leases).Attempt);
        }

        var failed = Assert.Single(h.Fail("a", 1, attempt: 3, exitCode: 9).Transitions);
        Assert.Equal((TaskState.Failed, 3, 3, 9), (failed.State, failed.Attempt, failed.Failures, failed.ExitCode!.Value));
    }

    [Fact]
    public void Retries_are_bounded_by_the_attempt_limit()
    {
        var h = new SchedulerHarness(new SchedulerOptions { MaxAttempts = 2 });
        h.Submit(1, maxRetries: 5);
        h.Connect("a");
        Assert.Equal(TaskState.Pending, Assert.Single(h.Fail("a", 1, attempt: 1).Transitions).State);
        h.Ask("a");
        Assert.Equal(TaskState.Failed, Assert.Single(h.Fail("a", 1, attempt: 2).Transitions).State);
    }

    [Fact]
    public void Redispatches_after_a_lost_host_do_not_use_up_retries()
    {
        var h = new SchedulerHarness();
        h.Submit(1, maxRetries: 1);
        h.Connect("a");
        h.Outcome("a", 1, 1, 0, new PartResult(PartEnd.HandedBack, -1));
        h.Ask("a");
        Assert.Equal(TaskState.Pending, Assert.Single(h.Fail("a", 1, attempt: 2).Transitions).State);
        h.Ask("a");
        var failed = Assert.Single(h.Fail("a", 1, attempt: 3).Transitions);
        Assert.Equal((TaskState.Failed, 2), (failed.State, failed.Failures));
    }

    [Fact]
    public void Retried_task_keeps_its_place_ahead_of_newer_tasks()
    {
        var h = new SchedulerHarness();
        h.Submit(1, maxRetries: 1);
        h.Connect("a", slots: 1);
        h.Submit(2);
        h.Fail("a", 1, attempt: 1);
        Assert.Equal([1L, 2L], h.State.ReadyOrder());
        Assert.Equal(1, Assert.Single(h.Ask("a").Leases).TaskId);
    }

    [Fact]
    public void Retry_of_a_gang_stops_its_other_nodes_and_places_it_again()
    {
        var h = new SchedulerHarness();
        h.Submit(1, nodes: 2, maxRetries: 1);
        h.Connect("a");
        h.Connect("b");
        h.Dispatch();
        var fx = h.Fail("b", 1, attempt: 1, node: 1);
        var stop = Assert.Single(fx.Stops);
        Assert.Equal(("a", 1L, 1, 0), (stop.Agent, stop.TaskId, stop.Attempt, stop.NodeIndex));
        Assert.Equal(TaskState.Pending, Assert.Single(fx.Transitions).State);
        var again = h.Dispatch();
        Assert.Equal(2, again.Leases.Count);
        Assert.All(again.Leases, l => Assert.Equal(2, l.Attempt));
    }
}
