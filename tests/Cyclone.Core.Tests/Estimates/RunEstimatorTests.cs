using Cyclone.Core.Estimates;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Estimates;

public sealed class RunEstimatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static EstimateInput Task(int index, string key, TaskState state, params int[] upstream) =>
        new(index, key, state, null, null, upstream);

    private static DurationHistory History(params (string Key, double Seconds)[] samples)
    {
        var history = new DurationHistory();
        foreach (var (key, seconds) in samples)
        {
            history.Add(key, TimeSpan.FromSeconds(seconds));
        }

        return history;
    }

    [Fact]
    public void A_chain_of_waiting_tasks_finishes_after_the_sum_of_their_typical_durations()
    {
        var tasks = new[] { Task(0, "a", TaskState.Pending), Task(1, "b", TaskState.Blocked, 0), Task(2, "c", TaskState.Blocked, 1) };
        var estimate = RunEstimator.Estimate(tasks, History(("a", 10), ("b", 20), ("c", 30)), Now);

        Assert.True(estimate.Complete);
        Assert.Equal(Now, estimate.Start);
        Assert.Equal(Now.AddSeconds(60), estimate.Finish);
        Assert.Equal(Now.AddSeconds(10), estimate.Tasks[1].Start);
        Assert.Equal(Now.AddSeconds(30), estimate.Tasks[2].Start);
    }

    [Fact]
    public void Parallel_branches_join_at_the_slower_one()
    {
        var tasks = new[]
        {
            Task(0, "root", TaskState.Pending), Task(1, "fast", TaskState.Blocked, 0), Task(2, "slow", TaskState.Blocked, 0),
            Task(3, "join", TaskState.Blocked, 1, 2),
        };
        var estimate = RunEstimator.Estimate(tasks, History(("root", 5), ("fast", 1), ("slow", 100), ("join", 4)), Now);

        Assert.Equal(Now.AddSeconds(105), estimate.Tasks[3].Start);
        Assert.Equal(Now.AddSeconds(109), estimate.Finish);
    }

    [Fact]
    public void The_typical_duration_is_the_median_so_one_outlier_does_not_move_it()
    {
        var estimate = RunEstimator.Estimate([Task(0, "a", TaskState.Pending)], History(("a", 10), ("a", 11), ("a", 12), ("a", 9), ("a", 5000)), Now);

        Assert.Equal(TimeSpan.FromSeconds(11), estimate.Tasks[0].Typical);
        Assert.Equal(5, estimate.Tasks[0].Samples);
        Assert.Equal(EstimateBasis.History, estimate.Tasks[0].Basis);
    }

    [Fact]
    public void Only_the_most_recent_samples_count()
    {
        var history = new DurationHistory();
        for (var i = 0; i < DurationHistory.MaxSamples; i++)
        {
            history.Add("a", TimeSpan.FromSeconds(10)); // newest first
        }

        history.Add("a", TimeSpan.FromHours(5));
        history.Add("a", TimeSpan.FromHours(5));

        Assert.Equal((TimeSpan.FromSeconds(10), DurationHistory.MaxSamples), history.Typical("a"));
    }

    [Fact]
    public void A_running_task_finishes_its_typical_duration_after_it_started_but_never_before_now()
    {
        var onTime = new EstimateInput(0, "a", TaskState.Running, Now.AddSeconds(-4), null, []);
        var late = new EstimateInput(1, "b", TaskState.Running, Now.AddSeconds(-50), null, []);
        var estimate = RunEstimator.Estimate([onTime, late], History(("a", 10), ("b", 10)), Now);

        Assert.Equal(Now.AddSeconds(6), estimate.Tasks[0].Finish);
        Assert.Equal(Now, estimate.Tasks[1].Finish);
        Assert.Equal(Now.AddSeconds(-50), estimate.Start);
    }

    [Fact]
    public void Ended_tasks_keep_their_actual_times_and_their_dependents_start_when_they_ended()
    {
        var done = new EstimateInput(0, "a", TaskState.Completed, Now.AddSeconds(-30), Now.AddSeconds(-20), []);
        var next = Task(1, "b", TaskState.Pending, 0);
        var estimate = RunEstimator.Estimate([done, next], History(("a", 999), ("b", 7)), Now);

        Assert.Equal(EstimateBasis.Actual, estimate.Tasks[0].Basis);
        Assert.Equal(Now.AddSeconds(-20), estimate.Tasks[0].Finish);
        Assert.Equal(Now, estimate.Tasks[1].Start); // its upstream ended in the past: it starts now at the earliest
        Assert.Equal(Now.AddSeconds(7), estimate.Finish);
    }

    [Fact]
    public void Tasks_without_history_make_the_finish_a_lower_bound_and_are_counted()
    {
        var tasks = new[] { Task(0, "known", TaskState.Pending), Task(1, "new", TaskState.Blocked, 0), Task(2, "after", TaskState.Blocked, 1) };
        var estimate = RunEstimator.Estimate(tasks, History(("known", 10), ("after", 5)), Now);

        Assert.False(estimate.Complete);
        Assert.Equal(1, estimate.UnknownTasks);
        Assert.Equal(EstimateBasis.Unknown, estimate.Tasks[1].Basis);
        Assert.Equal(Now.AddSeconds(15), estimate.Finish);
    }

    [Fact]
    public void A_finished_run_is_estimated_as_what_happened()
    {
        var a = new EstimateInput(0, "a", TaskState.Completed, Now.AddMinutes(-10), Now.AddMinutes(-8), []);
        var b = new EstimateInput(1, "b", TaskState.Failed, Now.AddMinutes(-8), Now.AddMinutes(-1), [0]);
        var estimate = RunEstimator.Estimate([a, b], new DurationHistory(), Now);

        Assert.True(estimate.Complete);
        Assert.Equal(Now.AddMinutes(-10), estimate.Start);
        Assert.Equal(Now.AddMinutes(-1), estimate.Finish);
    }

    [Fact]
    public void Tasks_are_estimated_whatever_order_they_are_listed_in()
    {
        var tasks = new[] { Task(2, "c", TaskState.Blocked, 1), Task(0, "a", TaskState.Pending), Task(1, "b", TaskState.Blocked, 0) };
        var estimate = RunEstimator.Estimate(tasks, History(("a", 1), ("b", 2), ("c", 3)), Now);

        Assert.Equal([2, 0, 1], estimate.Tasks.Select(t => t.Index));
        Assert.Equal(Now.AddSeconds(3), estimate.Tasks[0].Start);
        Assert.Equal(Now.AddSeconds(6), estimate.Finish);
    }

    [Fact]
    public void A_dependency_cycle_is_refused_with_a_message_naming_a_task()
    {
        var tasks = new[] { Task(0, "a", TaskState.Blocked, 1), Task(1, "b", TaskState.Blocked, 0) };
        var error = Assert.Throws<ArgumentException>(() => RunEstimator.Estimate(tasks, new DurationHistory(), Now));
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_run_is_estimated_to_start_and_finish_now()
    {
        var estimate = RunEstimator.Estimate([], new DurationHistory(), Now);
        Assert.Equal((Now, Now, true), (estimate.Start, estimate.Finish, estimate.Complete));
    }
}
