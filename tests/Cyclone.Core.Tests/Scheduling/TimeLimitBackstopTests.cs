using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public class TimeLimitBackstopTests
{
    private readonly SchedulerHarness _h = new(new SchedulerOptions
    {
        TimeLimitBackstop = TimeSpan.FromSeconds(60),
        LeaseTimeout = TimeSpan.FromHours(1),
    });

    [Fact]
    public void Task_is_left_alone_until_its_limit_plus_the_backstop_has_passed()
    {
        _h.Submit(1, timeLimit: TimeSpan.FromMinutes(10));
        _h.Connect("a");
        _h.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.True(_h.Tick().Effects.IsEmpty);
        Assert.Equal(TaskState.Running, _h.Task(1).State);
    }

    [Fact]
    public void Task_past_its_limit_plus_the_backstop_ends_as_timeout_and_is_stopped()
    {
        _h.Submit(1, timeLimit: TimeSpan.FromMinutes(10), maxRetries: 3);
        _h.Connect("a");
        _h.Time.Advance(TimeSpan.FromMinutes(11) + TimeSpan.FromTicks(1));
        var fx = _h.Tick().Effects;
        var stop = Assert.Single(fx.Stops);
        Assert.Equal(("a", 1L, 1, 0), (stop.Agent, stop.TaskId, stop.Attempt, stop.NodeIndex));
        Assert.Contains("hub backstop", stop.Reason, StringComparison.Ordinal);
        var t = Assert.Single(fx.Transitions);
        Assert.Equal((TaskState.Timeout, 1, _h.Now), (t.State, t.Attempt, t.At));
        Assert.Null(_h.State.FindTask(1));
        Assert.Equal(_h.Agent("a").Total, _h.Agent("a").Free);
    }

    [Fact]
    public void Gang_past_its_limit_is_stopped_on_every_node()
    {
        _h.Submit(1, nodes: 2, timeLimit: TimeSpan.FromMinutes(1));
        _h.Connect("a");
        _h.Connect("b");
        _h.Dispatch();
        _h.Time.Advance(TimeSpan.FromMinutes(3));
        var fx = _h.Tick().Effects;
        Assert.Equal(["a", "b"], fx.Stops.Select(s => s.Agent));
        Assert.Equal(TaskState.Timeout, Assert.Single(fx.Transitions).State);
    }

    [Fact]
    public void Task_without_a_limit_never_times_out()
    {
        _h.Submit(1);
        _h.Connect("a");
        _h.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.True(_h.Tick().Effects.IsEmpty);
        Assert.Equal(TaskState.Running, _h.Task(1).State);
    }

    [Fact]
    public void Pending_task_with_a_limit_does_not_time_out()
    {
        _h.Submit(1, timeLimit: TimeSpan.FromMinutes(1));
        _h.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.True(_h.Tick().Effects.IsEmpty);
        Assert.Equal(TaskState.Pending, _h.Task(1).State);
    }

    [Fact]
    public void Limit_is_measured_from_the_start_of_the_current_attempt()
    {
        _h.Submit(1, timeLimit: TimeSpan.FromMinutes(10), maxRetries: 1);
        _h.Connect("a");
        _h.Time.Advance(TimeSpan.FromMinutes(8));
        _h.Fail("a", 1, attempt: 1);
        Assert.Equal(2, Assert.Single(_h.Ask("a").Leases).Attempt);
        _h.Time.Advance(TimeSpan.FromMinutes(8));
        Assert.True(_h.Tick().Effects.IsEmpty);
        _h.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(TaskState.Timeout, Assert.Single(_h.Tick().Effects.Transitions).State);
    }

    [Fact]
    public void Report_from_the_agent_after_the_backstop_is_ignored()
    {
        _h.Submit(1, timeLimit: TimeSpan.FromMinutes(1));
        _h.Connect("a");
        _h.Time.Advance(TimeSpan.FromMinutes(3));
        _h.Tick();
        Assert.Equal(1, _h.Outcome("a", 1, 1, 0, new PartResult(PartEnd.TimedOut, 137)).IgnoredOutcomes);
    }
}
