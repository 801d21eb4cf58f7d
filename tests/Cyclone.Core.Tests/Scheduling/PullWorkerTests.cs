using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Tests.Scheduling;

public sealed class PullWorkerTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);

    private readonly SchedulerHarness _h = new(new SchedulerOptions { LeaseTimeout = TimeSpan.FromSeconds(15), MaxAttempts = 3 });

    private (IReadOnlyList<LeaseGrant> Grants, SchedulerEffects Effects) Pull(
        string worker, int max, string[]? labels = null, string? owner = null, TimeSpan? lease = null)
    {
        var fx = new SchedulerEffects();
        var grants = _h.State.Pull(new PullAsk(worker, SchedulerHarness.Labels(labels ?? []), owner, max, lease ?? Minute), _h.Now, fx);
        return (grants, fx);
    }

    private void Add(long id, string user = "alice", int priority = 0, params string[] labels) =>
        _h.State.Add(new SchedulerTask(id, jobId: 1, new NodeDemand(1, 0, 0, labels), 1, priority, id) { User = user });

    [Fact]
    public void Pull_worker_leases_up_to_its_max_in_dispatch_order_and_the_running_transitions_name_it()
    {
        Add(1);
        Add(2, priority: 5);
        Add(3);
        Add(4);

        var (grants, fx) = Pull("pull:alice:w", max: 3);

        Assert.Equal([2L, 1L, 3L], grants.Select(g => g.TaskId));
        Assert.All(grants, g => Assert.Equal(("pull:alice:w", 1, 0), (g.Agent, g.Attempt, g.NodeIndex)));
        Assert.Empty(fx.Leases); // nothing to send on a stream
        Assert.Equal([2L, 1L, 3L], fx.Transitions.Select(t => t.TaskId));
        Assert.All(fx.Transitions, t => Assert.Equal((TaskState.Running, "pull:alice:w"), (t.State, Assert.Single(t.Agents!))));
        Assert.Equal([4L], _h.State.ReadyOrder());
    }

    [Fact]
    public void Pull_worker_gets_only_tasks_whose_labels_it_carries()
    {
        Add(1, labels: "gpu");
        Add(2, labels: "cpu");
        Add(3);

        var (grants, _) = Pull("pull:alice:w", max: 10, labels: ["gpu"]);

        Assert.Equal([1L, 3L], grants.Select(g => g.TaskId));
        Assert.Equal([2L], _h.State.ReadyOrder());
    }

    [Fact]
    public void Pull_worker_of_a_user_gets_only_that_users_tasks()
    {
        Add(1, user: "bob");
        Add(2, user: "alice");

        Assert.Equal([2L], Pull("pull:alice:w", max: 10, owner: "alice").Grants.Select(g => g.TaskId));
        Assert.Equal([1L], Pull("pull:admin:w", max: 10).Grants.Select(g => g.TaskId));
    }

    [Fact]
    public void Multi_node_tasks_are_never_pulled()
    {
        _h.Submit(1, nodes: 2);
        Assert.Empty(Pull("pull:alice:w", max: 10).Grants);
        Assert.Equal([1L], _h.State.ReadyOrder());
    }

    [Fact]
    public void Pull_worker_never_gets_work_from_dispatch_and_is_no_agent_for_placement()
    {
        Pull("pull:alice:w", max: 1);
        _h.Submit(1);
        Assert.True(_h.Dispatch().IsEmpty);
        Assert.Null(_h.State.WhyUnsatisfiable(SchedulerHarness.Demand(slots: 64), 1));

        var fx = _h.Connect("agent");
        Assert.Equal("agent", Assert.Single(fx.Leases).Agent);
    }

    [Fact]
    public void Pull_workers_attempts_go_back_to_the_queue_after_its_own_lease_time()
    {
        Add(1);
        Pull("pull:alice:w", max: 1, lease: Minute);

        _h.Time.Advance(TimeSpan.FromSeconds(30)); // past the agents' 15 s, within its own 60 s
        Assert.Empty(_h.Tick().Lost);
        Assert.Equal(TaskState.Running, _h.Task(1).State);

        _h.Time.Advance(TimeSpan.FromSeconds(31));
        var (lost, fx) = _h.Tick();
        Assert.Equal(["pull:alice:w"], lost);
        var requeued = Assert.Single(fx.Transitions);
        Assert.Equal((TaskState.Pending, 1, 0), (requeued.State, requeued.Attempt, requeued.Failures));
        Assert.Contains("pull worker pull:alice:w made no call for 60s", requeued.Reason, StringComparison.Ordinal);

        var again = Assert.Single(Pull("pull:alice:other", max: 1).Grants);
        Assert.Equal(("pull:alice:other", 2), (again.Agent, again.Attempt));
    }

    [Fact]
    public void Any_call_renews_the_pull_workers_leases()
    {
        Add(1);
        Pull("pull:alice:w", max: 1, lease: TimeSpan.FromSeconds(10));
        _h.Time.Advance(TimeSpan.FromSeconds(8));
        Assert.True(_h.State.Touch("pull:alice:w", TimeSpan.FromSeconds(20), _h.Now));
        _h.Time.Advance(TimeSpan.FromSeconds(15));
        Assert.Empty(_h.Tick().Lost);
        Assert.True(_h.State.Holds("pull:alice:w", 1, 1));
        Assert.False(_h.State.Touch("pull:alice:unknown", null, _h.Now));
    }

    [Fact]
    public void Idle_pull_worker_past_its_lease_is_forgotten_without_being_reported_lost()
    {
        Pull("pull:alice:w", max: 1, lease: TimeSpan.FromSeconds(5));
        _h.Time.Advance(TimeSpan.FromSeconds(6));
        var (lost, fx) = _h.Tick();
        Assert.Empty(lost);
        Assert.True(fx.IsEmpty);
        Assert.Null(_h.State.FindAgent("pull:alice:w"));
    }

    [Fact]
    public void Completing_an_attempt_that_is_not_current_changes_nothing()
    {
        Add(1);
        Pull("pull:alice:w", max: 1, lease: TimeSpan.FromSeconds(5));
        _h.Time.Advance(TimeSpan.FromSeconds(6));
        _h.Tick();
        Pull("pull:alice:v", max: 1);

        var stale = _h.Succeed("pull:alice:w", 1, attempt: 1);
        Assert.Equal(1, stale.IgnoredOutcomes);
        Assert.Empty(stale.Transitions);
        Assert.False(_h.State.Holds("pull:alice:w", 1, null));
        Assert.True(_h.State.Holds("pull:alice:v", 1, 2));

        Assert.Equal(1, _h.Succeed("pull:alice:v", 1, attempt: 1).IgnoredOutcomes); // the right worker, an old attempt
        var done = Assert.Single(_h.Succeed("pull:alice:v", 1, attempt: 2).Transitions);
        Assert.Equal((TaskState.Completed, 2), (done.State, done.Attempt));
    }

    [Fact]
    public void Failed_attempt_is_retried_as_for_agents()
    {
        _h.State.Add(new SchedulerTask(1, 1, NodeDemand.OneSlot, 1, 0, 1) { MaxRetries = 1 });
        Pull("pull:alice:w", max: 1);
        var retry = Assert.Single(_h.Fail("pull:alice:w", 1, attempt: 1, exitCode: 3).Transitions);
        Assert.Equal((TaskState.Pending, 1), (retry.State, retry.Failures));

        Pull("pull:alice:w", max: 1);
        var failed = Assert.Single(_h.Fail("pull:alice:w", 1, attempt: 2, exitCode: 4).Transitions);
        Assert.Equal((TaskState.Failed, 4), (failed.State, failed.ExitCode));
    }

    [Fact]
    public void Handed_back_attempt_returns_to_the_queue_as_no_failure_even_past_the_attempt_limit()
    {
        Add(1);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal(attempt, Assert.Single(Pull("pull:alice:w", max: 1).Grants).Attempt);
            var fx = new SchedulerEffects();
            Assert.True(_h.State.HandBack("pull:alice:w", 1, attempt, _h.Now, fx));
            var back = Assert.Single(fx.Transitions);
            Assert.Equal((TaskState.Pending, 0), (back.State, back.Failures));
        }

        Assert.False(_h.State.HandBack("pull:alice:w", 1, 4, _h.Now, new SchedulerEffects()));
        Assert.Equal([1L], _h.State.ReadyOrder());
    }

    [Fact]
    public void Pull_worker_restored_after_a_restart_keeps_its_attempt_until_its_lease_runs_out()
    {
        _h.State.Restore(SchedulerHarness.NewTask(1), TaskState.Running, 1, 0, ["pull:alice:w"], _h.Now, _h.Now);
        _h.State.Pulling("pull:alice:w", Minute, _h.Now);
        _h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(_h.Tick().Lost);
        Assert.True(_h.State.Holds("pull:alice:w", 1, 1));
        _h.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(["pull:alice:w"], _h.Tick().Lost);
        Assert.Equal(TaskState.Pending, _h.Task(1).State);
    }

    [Fact]
    public void Ready_sequence_grows_when_tasks_become_ready()
    {
        var before = _h.State.ReadySequence;
        Add(1);
        Pull("pull:alice:w", max: 1);
        Assert.Equal(before + 1, _h.State.ReadySequence);
        var fx = new SchedulerEffects();
        _h.State.HandBack("pull:alice:w", 1, 1, _h.Now, fx);
        Assert.Equal(before + 2, _h.State.ReadySequence);
    }
}
