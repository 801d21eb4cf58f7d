using Cyclone.Core.Scheduling;

namespace Cyclone.Core.Tests.Scheduling;

public class ReadyQueueTests
{
    [Fact]
    public void Higher_priority_comes_first_whatever_its_age()
    {
        var q = new ReadyQueue();
        q.Add(SchedulerHarness.NewTask(1, priority: 0, sequence: 1));
        q.Add(SchedulerHarness.NewTask(2, priority: 10, sequence: 99));
        q.Add(SchedulerHarness.NewTask(3, priority: -5, sequence: 0));
        Assert.Equal([2L, 1L, 3L], q.InOrder());
    }

    [Fact]
    public void Among_equal_priorities_the_older_submission_comes_first()
    {
        var q = new ReadyQueue();
        q.Add(SchedulerHarness.NewTask(1, sequence: 30));
        q.Add(SchedulerHarness.NewTask(2, sequence: 10));
        q.Add(SchedulerHarness.NewTask(3, sequence: 20));
        Assert.Equal([2L, 3L, 1L], q.InOrder());
    }

    [Fact]
    public void Task_id_breaks_a_tie_of_priority_and_sequence()
    {
        var q = new ReadyQueue();
        q.Add(SchedulerHarness.NewTask(7, sequence: 5));
        q.Add(SchedulerHarness.NewTask(3, sequence: 5));
        Assert.Equal([3L, 7L], q.InOrder());
        Assert.Equal(2, q.Count);
    }

    [Fact]
    public void Removed_task_leaves_the_order_and_a_second_remove_reports_false()
    {
        var q = new ReadyQueue();
        var a = SchedulerHarness.NewTask(1);
        var b = SchedulerHarness.NewTask(2);
        q.Add(a);
        q.Add(b);
        Assert.True(q.Remove(a));
        Assert.False(q.Remove(a));
        Assert.Equal([2L], q.InOrder());
        Assert.Equal(1, q.Count);
    }

    [Fact]
    public void Adding_the_same_task_twice_keeps_one_entry()
    {
        var q = new ReadyQueue();
        var a = SchedulerHarness.NewTask(1);
        q.Add(a);
        q.Add(a);
        Assert.Equal(1, q.Count);
    }
}
