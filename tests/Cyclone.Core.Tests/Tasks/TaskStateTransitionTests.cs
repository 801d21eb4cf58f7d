using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Tasks;

public class TaskStateTransitionTests
{
    public static TheoryData<TaskState, TaskState> LegalTransitions => new()
    {
        { TaskState.Blocked, TaskState.Pending },
        { TaskState.Blocked, TaskState.UpstreamFailed },
        { TaskState.Blocked, TaskState.Cancelled },
        { TaskState.Pending, TaskState.Running },
        { TaskState.Pending, TaskState.Cancelled },
        { TaskState.Running, TaskState.Pending },
        { TaskState.Running, TaskState.Completed },
        { TaskState.Running, TaskState.Failed },
        { TaskState.Running, TaskState.Timeout },
        { TaskState.Running, TaskState.Cancelled },
    };

    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public void Legal_transition_is_allowed(TaskState from, TaskState to) =>
        Assert.True(TaskStates.CanTransition(from, to));

    [Fact]
    public void Every_transition_not_in_the_legal_list_is_refused()
    {
        var legal = LegalTransitions.Select(row => ((TaskState)row[0], (TaskState)row[1])).ToHashSet();
        var refused = 0;
        foreach (var from in TaskStates.All)
        {
            foreach (var to in TaskStates.All)
            {
                if (!legal.Contains((from, to)))
                {
                    Assert.False(TaskStates.CanTransition(from, to), $"{from} -> {to} should be illegal");
                    refused++;
                }
            }
        }

        Assert.Equal((8 * 8) - 10, refused);
    }

    [Fact]
    public void Running_task_cannot_go_back_to_blocked() =>
        Assert.False(TaskStates.CanTransition(TaskState.Running, TaskState.Blocked));

    [Fact]
    public void Pending_task_cannot_complete_without_running() =>
        Assert.False(TaskStates.CanTransition(TaskState.Pending, TaskState.Completed));

    [Fact]
    public void Blocked_task_cannot_start_running_directly() =>
        Assert.False(TaskStates.CanTransition(TaskState.Blocked, TaskState.Running));

    [Fact]
    public void A_state_cannot_transition_to_itself()
    {
        foreach (var s in TaskStates.All)
        {
            Assert.False(TaskStates.CanTransition(s, s), s.ToString());
        }
    }

    [Theory]
    [InlineData(TaskState.Completed)]
    [InlineData(TaskState.Failed)]
    [InlineData(TaskState.Timeout)]
    [InlineData(TaskState.Cancelled)]
    [InlineData(TaskState.UpstreamFailed)]
    public void Final_state_is_final_and_never_left(TaskState final)
    {
        Assert.True(final.IsFinal());
        Assert.False(final.IsActive());
        foreach (var to in TaskStates.All)
        {
            Assert.False(TaskStates.CanTransition(final, to), $"{final} -> {to}");
        }
    }

    [Theory]
    [InlineData(TaskState.Blocked)]
    [InlineData(TaskState.Pending)]
    [InlineData(TaskState.Running)]
    public void Waiting_or_running_state_is_active_not_final(TaskState state)
    {
        Assert.False(state.IsFinal());
        Assert.True(state.IsActive());
    }

    [Fact]
    public void All_lists_every_state_in_declaration_order() =>
        Assert.Equal(
            [TaskState.Blocked, TaskState.Pending, TaskState.Running, TaskState.Completed, TaskState.Failed, TaskState.Timeout, TaskState.Cancelled, TaskState.UpstreamFailed],
            TaskStates.All);
}
