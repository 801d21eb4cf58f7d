using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Tasks;

public class TaskStateAggregateTests
{
    [Fact]
    public void Job_without_tasks_is_completed() =>
        Assert.Equal(TaskState.Completed, TaskStates.Aggregate([]));

    [Fact]
    public void Job_is_running_while_any_task_runs() =>
        Assert.Equal(
            TaskState.Running,
            TaskStates.Aggregate([TaskState.Failed, TaskState.Pending, TaskState.Running, TaskState.Completed, TaskState.Blocked]));

    [Fact]
    public void Job_is_pending_while_a_task_waits_and_none_runs() =>
        Assert.Equal(TaskState.Pending, TaskStates.Aggregate([TaskState.Completed, TaskState.Blocked, TaskState.Pending, TaskState.Cancelled]));

    [Fact]
    public void Job_with_only_blocked_and_finished_tasks_is_blocked() =>
        Assert.Equal(TaskState.Blocked, TaskStates.Aggregate([TaskState.Completed, TaskState.Blocked, TaskState.Failed]));

    [Fact]
    public void Job_whose_tasks_all_completed_is_completed() =>
        Assert.Equal(TaskState.Completed, TaskStates.Aggregate([TaskState.Completed, TaskState.Completed]));

    [Theory]
    [InlineData(TaskState.Cancelled, TaskState.Timeout)]
    [InlineData(TaskState.Cancelled, TaskState.Failed)]
    [InlineData(TaskState.Cancelled, TaskState.UpstreamFailed)]
    [InlineData(TaskState.Timeout, TaskState.Failed)]
    [InlineData(TaskState.Timeout, TaskState.UpstreamFailed)]
    [InlineData(TaskState.Failed, TaskState.UpstreamFailed)]
    [InlineData(TaskState.UpstreamFailed, TaskState.Completed)]
    public void Finished_job_shows_its_worst_final_state(TaskState worse, TaskState better)
    {
        Assert.Equal(worse, TaskStates.Aggregate([better, worse, TaskState.Completed]));
        Assert.Equal(worse, TaskStates.Aggregate([worse, better]));
    }

    [Fact]
    public void Aggregate_of_a_lazy_sequence_sees_its_last_element() =>
        Assert.Equal(TaskState.Failed, TaskStates.Aggregate(Enumerable.Repeat(TaskState.Completed, 3).Append(TaskState.Failed)));
}
