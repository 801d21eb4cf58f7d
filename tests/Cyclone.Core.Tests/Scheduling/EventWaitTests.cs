using Cyclone.Core.Dependencies;
using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public sealed class EventWaitTests
{
    private readonly SchedulerHarness _h = new();

    [Fact]
    public void An_event_task_waits_blocked_and_completes_with_the_event_data_releasing_its_dependents()
    {
        var wait = new SchedulerTask(1, 1, NodeDemand.OneSlot, 1, 0, 1) { WaitsForEvent = "go" };
        var after = new SchedulerTask(2, 1, NodeDemand.OneSlot, 1, 0, 2) { Dependencies = [new TaskDependency(1, DependencyKind.AfterOk)] };
        _h.State.Submit([wait, after], _ => null, _h.Now, new SchedulerEffects());
        Assert.Equal(TaskState.Blocked, _h.Task(1).State);
        Assert.Equal([1L], _h.State.EventWaiters["go"]);
        _h.Connect("a");
        Assert.Empty(_h.Dispatch().Leases);

        var fx = new SchedulerEffects();
        Assert.Equal(0, _h.State.DeliverEvent("other", "1", _h.Now, _h.Now, fx));
        Assert.Equal(1, _h.State.DeliverEvent("go", "{\"n\":3}", _h.Now, _h.Now, fx));
        var done = fx.Transitions.Single(t => t.TaskId == 1);
        Assert.Equal((TaskState.Completed, "{\"data\":{\"n\":3}}"), (done.State, done.Outputs));
        Assert.Contains(fx.Transitions, t => t.TaskId == 2 && t.State == TaskState.Pending);
        Assert.Empty(_h.State.EventWaiters);
    }

    [Fact]
    public void Cancelling_an_event_task_stops_its_wait()
    {
        var wait = new SchedulerTask(1, 1, NodeDemand.OneSlot, 1, 0, 1) { WaitsForEvent = "go" };
        _h.State.Submit([wait], _ => null, _h.Now, new SchedulerEffects());
        _h.Cancel(1);
        Assert.Equal(0, _h.State.DeliverEvent("go", "null", _h.Now, _h.Now, new SchedulerEffects()));
    }

    [Fact]
    public void An_event_recorded_after_submission_but_before_the_wait_began_still_counts_and_an_older_one_does_not()
    {
        var fx = new SchedulerEffects();
        _h.State.DeliverEvent("go", "1", _h.Now.AddMinutes(-1), _h.Now, fx); // before the run
        var early = new SchedulerTask(1, 1, NodeDemand.OneSlot, 1, 0, 1) { WaitsForEvent = "go", SubmittedAt = _h.Now };
        _h.State.Submit([early], _ => null, _h.Now, fx);
        Assert.Equal(TaskState.Blocked, _h.Task(1).State);

        var racing = new SchedulerTask(2, 2, NodeDemand.OneSlot, 1, 0, 2) { WaitsForEvent = "race", SubmittedAt = _h.Now };
        _h.State.DeliverEvent("race", "{\"x\":1}", _h.Now.AddSeconds(1), _h.Now, fx); // handled before the run reached the scheduler
        _h.State.Submit([racing], _ => null, _h.Now, fx);
        Assert.Equal("{\"data\":{\"x\":1}}", fx.Transitions.Single(t => t.TaskId == 2).Outputs);
    }
}
