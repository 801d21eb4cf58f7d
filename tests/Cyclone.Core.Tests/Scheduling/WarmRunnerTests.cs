using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;

namespace Cyclone.Core.Tests.Scheduling;

public sealed class WarmRunnerTests
{
    private readonly SchedulerHarness _h = new();

    private void Add(long id, string runnerClass, int priority = 0) =>
        _h.State.Add(new SchedulerTask(id, 1, NodeDemand.OneSlot, 1, priority, id) { RunnerClass = runnerClass });

    [Fact]
    public void An_agent_gets_more_tasks_of_the_class_it_just_ran_before_older_tasks_of_another()
    {
        Add(1, "math.Power");
        Add(2, "python3");
        Add(3, "math.Power");
        _h.Connect("a", slots: 1);
        _h.Succeed("a", 1, 1);
        var lease = Assert.Single(_h.Dispatch().Leases);
        Assert.Equal(3, lease.TaskId);
    }

    [Fact]
    public void A_higher_priority_task_of_another_class_still_goes_first()
    {
        Add(1, "math.Power");
        Add(2, "python3", priority: 5);
        Add(3, "math.Power");
        _h.Connect("b", slots: 1); // takes task 2 (priority) first
        _h.Succeed("b", 2, 1);
        Assert.Equal(1, Assert.Single(_h.Dispatch().Leases).TaskId);
        Add(4, "python3", priority: 5);
        _h.Succeed("b", 1, 1);
        Assert.Equal(4, Assert.Single(_h.Dispatch().Leases).TaskId);
    }
}
