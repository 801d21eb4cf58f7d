using Cyclone.Core.Dependencies;
using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public sealed class DependencyTests
{
    private readonly SchedulerHarness _h = new();

    private static SchedulerTask Node(long id, params (long Up, DependencyKind Kind)[] deps) =>
        new(id, jobId: 1, NodeDemand.OneSlot, 1, 0, id) { Dependencies = [.. deps.Select(d => new TaskDependency(d.Up, d.Kind))] };

    private SchedulerEffects Submit(params SchedulerTask[] tasks) => Submit(_ => null, tasks);

    private SchedulerEffects Submit(Func<long, TaskState?> ended, params SchedulerTask[] tasks)
    {
        var fx = new SchedulerEffects();
        _h.State.Submit(tasks, ended, _h.Now, fx);
        return fx;
    }

    private TaskState? StateOf(long id, SchedulerEffects fx) =>
        _h.State.FindTask(id)?.State ?? fx.Transitions.LastOrDefault(t => t.TaskId == id)?.State;

    [Fact]
    public void A_task_without_dependencies_is_pending_and_one_with_dependencies_is_blocked()
    {
        Submit(Node(1), Node(2, (1, DependencyKind.AfterOk)));
        Assert.Equal(TaskState.Pending, _h.Task(1).State);
        Assert.Equal(TaskState.Blocked, _h.Task(2).State);
        Assert.Equal([1L], _h.State.ReadyOrder());
    }

    [Fact]
    public void Upstream_listed_after_its_dependent_in_one_submission_is_still_found()
    {
        var fx = Submit(Node(1, (2, DependencyKind.AfterOk)), Node(2));
        Assert.Empty(fx.Transitions);
        Assert.Equal(TaskState.Blocked, _h.Task(1).State);
    }

    [Fact]
    public void Afterok_dependent_is_released_when_the_upstream_completes()
    {
        Submit(Node(1), Node(2, (1, DependencyKind.AfterOk)));
        _h.Connect("a");
        var fx = _h.Succeed("a", 1, 1);
        Assert.Contains(fx.Transitions, t => t.TaskId == 2 && t.State == TaskState.Pending);
        Assert.Equal(TaskState.Pending, _h.Task(2).State);
    }

    [Theory]
    [InlineData(DependencyKind.AfterOk, true, TaskState.Pending)]
    [InlineData(DependencyKind.AfterOk, false, TaskState.UpstreamFailed)]
    [InlineData(DependencyKind.AfterAny, true, TaskState.Pending)]
    [InlineData(DependencyKind.AfterAny, false, TaskState.Pending)]
    [InlineData(DependencyKind.AfterNotOk, true, TaskState.UpstreamFailed)]
    [InlineData(DependencyKind.AfterNotOk, false, TaskState.Pending)]
    public void Dependency_kind_decides_what_the_dependent_does(DependencyKind kind, bool upstreamSucceeds, TaskState expected)
    {
        Submit(Node(1), Node(2, (1, kind)));
        _h.Connect("a");
        var fx = upstreamSucceeds ? _h.Succeed("a", 1, 1) : _h.Fail("a", 1, 1);
        Assert.Equal(expected, StateOf(2, fx));
    }

    [Fact]
    public void Failure_in_the_middle_of_a_diamond_fails_what_is_below_and_spares_the_independent_branch()
    {
        // 1 → {2, 3} → 4, and 5 independent
        Submit(Node(1), Node(2, (1, DependencyKind.AfterOk)), Node(3, (1, DependencyKind.AfterOk)),
            Node(4, (2, DependencyKind.AfterOk), (3, DependencyKind.AfterOk)), Node(5));
        _h.Connect("a", slots: 8);
        _h.Succeed("a", 1, 1);
        _h.Dispatch();
        var fx = _h.Fail("a", 2, 1);
        Assert.Contains(fx.Transitions, t => t.TaskId == 4 && t.State == TaskState.UpstreamFailed && t.Reason!.Contains("task 2 ended FAILED", StringComparison.Ordinal));
        Assert.Equal(TaskState.Running, _h.Task(3).State);
        Assert.Equal(TaskState.Running, _h.Task(5).State);
        Assert.Equal(TaskState.Completed, StateOf(5, _h.Succeed("a", 5, 1)));
    }

    [Fact]
    public void Upstream_failure_cascades_down_a_long_chain_without_recursion()
    {
        const int length = 200_000;
        var tasks = Enumerable.Range(1, length).Select(i => i == 1 ? Node(1) : Node(i, (i - 1, DependencyKind.AfterOk))).ToArray();
        Submit(tasks);
        _h.Connect("a");
        var fx = _h.Fail("a", 1, 1);
        Assert.Equal(length - 1, fx.Transitions.Count(t => t.State == TaskState.UpstreamFailed));
        Assert.Equal(0, _h.State.ActiveCount);
    }

    [Fact]
    public void Dependencies_on_tasks_that_already_ended_are_decided_at_submission()
    {
        var fx = Submit(id => id switch { 10 => TaskState.Completed, 11 => TaskState.Failed, _ => null },
            Node(1, (10, DependencyKind.AfterOk)), Node(2, (11, DependencyKind.AfterOk)), Node(3, (99, DependencyKind.AfterAny)));
        Assert.Equal(TaskState.Pending, _h.Task(1).State);
        Assert.Contains(fx.Transitions, t => t.TaskId == 1 && t.State == TaskState.Pending);
        Assert.Contains(fx.Transitions, t => t.TaskId == 2 && t.State == TaskState.UpstreamFailed);
        Assert.Contains(fx.Transitions, t => t.TaskId == 3 && t.State == TaskState.UpstreamFailed && t.Reason!.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void Cancelling_a_whole_run_ends_every_task_cancelled_not_upstream_failed()
    {
        Submit(Node(1), Node(2, (1, DependencyKind.AfterOk)), Node(3, (2, DependencyKind.AfterOk)));
        _h.Connect("a");
        var fx = _h.Cancel(1, 2, 3);
        Assert.All(fx.Transitions.Where(t => t.TaskId <= 3), t => Assert.Equal(TaskState.Cancelled, t.State));
        Assert.Contains(fx.Stops, s => s.TaskId == 1);
        Assert.Equal(0, _h.State.ActiveCount);
    }

    [Fact]
    public void Cancelling_an_upstream_alone_releases_an_afterany_dependent()
    {
        Submit(Node(1), Node(2, (1, DependencyKind.AfterAny)));
        var fx = _h.Cancel(1);
        Assert.Equal(TaskState.Pending, StateOf(2, fx));
    }

    [Fact]
    public void Completion_outputs_reported_by_node_zero_are_recorded_with_the_transition()
    {
        Submit(Node(1));
        _h.Connect("a");
        var fx = _h.Outcome("a", 1, 1, 0, new PartResult(PartEnd.Exited, 0, Outputs: "{\"x\":1}"));
        Assert.Equal("{\"x\":1}", fx.Transitions.Single(t => t.TaskId == 1).Outputs);
    }

    [Fact]
    public void Restored_blocked_tasks_are_linked_again_and_released_when_their_upstream_already_ended()
    {
        var upstream = Node(1);
        var blocked = Node(2, (1, DependencyKind.AfterOk));
        var other = Node(3, (4, DependencyKind.AfterOk));
        var running = Node(4);
        _h.State.Restore(blocked, TaskState.Blocked, 0, 0, [], null, _h.Now);
        _h.State.Restore(other, TaskState.Blocked, 0, 0, [], null, _h.Now);
        _h.State.Restore(running, TaskState.Pending, 0, 0, [], null, _h.Now);
        var fx = new SchedulerEffects();
        _h.State.ResolveRestored(id => id == upstream.Id ? TaskState.Completed : null, _h.Now, fx);
        Assert.Equal(TaskState.Pending, _h.Task(2).State);
        Assert.Equal(TaskState.Blocked, _h.Task(3).State);
        _h.Connect("a");
        Assert.Equal(TaskState.Pending, StateOf(3, _h.Succeed("a", 4, 1)));
    }
}
