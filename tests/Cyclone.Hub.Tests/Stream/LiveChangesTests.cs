using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Hub.Api.Stream;

namespace Cyclone.Hub.Tests.Stream;

public sealed class LiveChangesTests
{
    private static TaskTransition T(long job, TaskState state) => new(job * 10, job, state, 1, 0, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Changes_are_summed_per_interval_and_taking_them_starts_a_new_one()
    {
        var changes = new LiveChanges();
        changes.Report([T(1, TaskState.Running), T(1, TaskState.Completed), T(2, TaskState.Failed)]);
        changes.Report([T(3, TaskState.Cancelled), T(3, TaskState.Completed)]);

        var first = changes.Take();
        Assert.Equal([1L, 2L, 3L], first.Jobs!.Order());
        Assert.Equal((5L, 2L, 2L), (first.Transitions, first.Completed, first.Failed));

        var second = changes.Take();
        Assert.Empty(second.Jobs!);
        Assert.Equal(0, second.Transitions);
    }

    [Fact]
    public void Too_many_changed_jobs_in_one_interval_become_reload_everything_and_keep_memory_bounded()
    {
        var changes = new LiveChanges();
        changes.Report([.. Enumerable.Range(1, LiveChanges.MaxJobIds + 1).Select(j => T(j, TaskState.Completed))]);
        changes.Report([T(99_999, TaskState.Completed)]);

        var set = changes.Take();
        Assert.Null(set.Jobs);
        Assert.Equal(LiveChanges.MaxJobIds + 2, set.Completed);
        Assert.NotNull(changes.Take().Jobs);
    }
}
