using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public class OutcomeTests
{
    private readonly SchedulerHarness _h = new(new SchedulerOptions { MaxAttempts = 5 });

    public OutcomeTests()
    {
        _h.Submit(1, maxRetries: 3);
        _h.Connect("a", slots: 2);
        _h.Connect("b", slots: 2);
        _h.Time.Advance(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Successful_exit_completes_the_task_and_frees_its_slot()
    {
        var fx = _h.Succeed("a", 1, attempt: 1);
        var t = Assert.Single(fx.Transitions);
        Assert.Equal((1L, TaskState.Completed, 1, 0, 0, _h.Now), (t.TaskId, t.State, t.Attempt, t.Failures, t.ExitCode!.Value, t.At));
        Assert.Empty(fx.Stops);
        Assert.Null(_h.State.FindTask(1));
        Assert.Equal(0, _h.State.ActiveCount);
        Assert.Equal(_h.Agent("a").Total, _h.Agent("a").Free);
        Assert.Equal(_h.Now, _h.Agent("a").LastSeen);
    }

    [Fact]
    public void Outcome_for_a_stale_attempt_is_ignored_and_counted()
    {
        _h.Outcome("a", 1, 1, 0, new PartResult(PartEnd.HandedBack, -1, "shutting down"));
        var lease = Assert.Single(_h.Ask("b").Leases);
        Assert.Equal(2, lease.Attempt);

        var fx = _h.Fail("a", 1, attempt: 1);
        Assert.Equal(1, fx.IgnoredOutcomes);
        Assert.Empty(fx.Transitions);
        Assert.Empty(fx.Stops);
        Assert.Equal((TaskState.Running, 2, 0), (_h.Task(1).State, _h.Task(1).Attempt, _h.Task(1).Failures));
    }

    [Fact]
    public void Outcome_for_a_future_attempt_is_ignored() =>
        Assert.Equal(1, _h.Succeed("a", 1, attempt: 2).IgnoredOutcomes);

    [Fact]
    public void Outcome_from_an_agent_that_does_not_hold_the_part_is_ignored()
    {
        var fx = _h.Succeed("b", 1, attempt: 1);
        Assert.Equal(1, fx.IgnoredOutcomes);
        Assert.Equal(TaskState.Running, _h.Task(1).State);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Outcome_for_a_node_the_task_does_not_have_is_ignored(int node) =>
        Assert.Equal(1, _h.Outcome("a", 1, 1, node, new PartResult(PartEnd.Exited, 0)).IgnoredOutcomes);

    [Fact]
    public void Outcome_for_an_unknown_task_is_ignored() =>
        Assert.Equal(1, _h.Succeed("a", 42, attempt: 1).IgnoredOutcomes);

    [Fact]
    public void Second_report_of_the_same_part_is_ignored()
    {
        _h.Submit(2, nodes: 2);
        _h.Dispatch();
        var node = _h.Task(2).PartAgents[0]!;
        Assert.Equal(0, _h.Succeed(node, 2, attempt: 1, node: 0).IgnoredOutcomes);
        var again = _h.Fail(node, 2, attempt: 1, node: 0);
        Assert.Equal(1, again.IgnoredOutcomes);
        Assert.Empty(again.Transitions);
        Assert.Equal(0, _h.Task(2).Failures);
    }

    [Fact]
    public void Timed_out_part_ends_the_task_as_timeout_without_retry()
    {
        var fx = _h.Outcome("a", 1, 1, 0, new PartResult(PartEnd.TimedOut, 137));
        var t = Assert.Single(fx.Transitions);
        Assert.Equal((TaskState.Timeout, 137, "time limit reached"), (t.State, t.ExitCode!.Value, t.Reason));
        Assert.Null(_h.State.FindTask(1));
    }

    [Fact]
    public void Handed_back_part_is_requeued_without_counting_a_failure()
    {
        var fx = _h.Outcome("a", 1, 1, 0, new PartResult(PartEnd.HandedBack, -1, "agent shutting down"));
        var t = Assert.Single(fx.Transitions);
        Assert.Equal((TaskState.Pending, 1, 0, "agent shutting down"), (t.State, t.Attempt, t.Failures, t.Reason));
        Assert.Equal([1L], _h.State.ReadyOrder());
        Assert.All(_h.Task(1).PartAgents, Assert.Null);
    }

    [Fact]
    public void Part_stopped_by_its_agent_is_requeued_as_a_new_attempt()
    {
        _h.Outcome("a", 1, 1, 0, new PartResult(PartEnd.Stopped, -1));
        Assert.Equal(TaskState.Pending, _h.Task(1).State);
        Assert.Equal(2, Assert.Single(_h.Ask("a").Leases).Attempt);
    }

    [Fact]
    public void Start_failure_counts_as_a_failure_and_reports_no_exit_code()
    {
        var h = new SchedulerHarness();
        h.Submit(1);
        h.Connect("a");
        var fx = h.Outcome("a", 1, 1, 0, new PartResult(PartEnd.StartFailed, 127, "no such command: frob"));
        var t = Assert.Single(fx.Transitions);
        Assert.Equal((TaskState.Failed, 1, (int?)null, "no such command: frob"), (t.State, t.Failures, t.ExitCode, t.Reason));
    }

    [Fact]
    public void Reporting_an_outcome_moves_the_agent_to_the_back_of_the_askers()
    {
        _h.Succeed("a", 1, attempt: 1);
        _h.Submit(2);
        Assert.Equal("b", Assert.Single(_h.Dispatch().Leases).Agent);
    }

    [Theory]
    [InlineData(PartEnd.Exited, 0, true)]
    [InlineData(PartEnd.Exited, 1, false)]
    [InlineData(PartEnd.TimedOut, 0, false)]
    [InlineData(PartEnd.StartFailed, 0, false)]
    [InlineData(PartEnd.HandedBack, 0, false)]
    [InlineData(PartEnd.Stopped, 0, false)]
    public void Only_a_zero_exit_counts_as_success(PartEnd end, int exitCode, bool succeeded) =>
        Assert.Equal(succeeded, new PartResult(end, exitCode).Succeeded);
}
