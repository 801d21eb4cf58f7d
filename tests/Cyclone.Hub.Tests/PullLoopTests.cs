using Cyclone.Core.Scheduling;
using Cyclone.Core.Tasks;
using Cyclone.Hub.Scheduling;

namespace Cyclone.Hub.Tests;

public sealed class PullLoopTests
{
    private const string Worker = "pull:tester:w1";

    private static readonly IReadOnlySet<string> NoLabels = new HashSet<string>();

    private static PullAsk Ask(string worker = Worker, int max = 10, int leaseSeconds = 30) =>
        new(worker, NoLabels, null, max, TimeSpan.FromSeconds(leaseSeconds));

    /// <summary>Submits one task and leases it to <see cref="Worker"/>.</summary>
    private static async Task<(long JobId, PulledTask Pulled)> SubmitAndPullAsync(LoopFixture hub, int leaseSeconds = 30)
    {
        var job = await hub.SubmitAsync("work");
        await hub.SyncAsync();
        return (job.JobId, Assert.Single(await hub.Loop.PullAsync(Ask(leaseSeconds: leaseSeconds), CancellationToken.None)));
    }

    private static async Task<PullVerdict> ReportAsync(LoopFixture hub, PullAction action, PullReport report) =>
        Assert.Single(await hub.Loop.ReportPulledAsync(Worker, action, [report], null, CancellationToken.None));

    [Fact]
    public async Task Pulled_attempt_is_durable_with_the_worker_as_its_agent_before_it_is_answered_and_its_completion_too()
    {
        await using var hub = await LoopFixture.StartAsync();
        var (job, pulled) = await SubmitAndPullAsync(hub);
        Assert.Equal((1, Worker), (pulled.Grant.Attempt, pulled.Grant.Agent));
        var running = Assert.Single(await hub.Store.GetTasksOfJobAsync(job, CancellationToken.None));
        Assert.Equal((TaskState.Running, 1, Worker), (running.State, running.Attempt, Assert.Single(running.Agents)));
        Assert.DoesNotContain(hub.Loop.View.Agents, a => a.Name == Worker);

        var verdict = await ReportAsync(hub, PullAction.Complete, new PullReport(pulled.Grant.TaskId, 1, Outputs: """{"n":1}"""));
        Assert.Equal((PullOutcome.Done, 1, TaskState.Completed), (verdict.Outcome, verdict.Attempt, verdict.State));
        var done = Assert.Single(await hub.Store.GetTasksOfJobAsync(job, CancellationToken.None));
        Assert.Equal((TaskState.Completed, """{"n":1}"""), (done.State, done.Outputs));
    }

    [Fact]
    public async Task Silent_pull_workers_attempt_goes_back_after_its_own_lease_time_and_wakes_waiting_workers()
    {
        await using var hub = await LoopFixture.StartAsync();
        var (job, _) = await SubmitAndPullAsync(hub, leaseSeconds: 30);

        hub.Time.Advance(TimeSpan.FromSeconds(20)); // past the agents' 10 s, within the worker's 30 s
        hub.Post(new TickCommand());
        await hub.SyncAsync();
        Assert.Equal(TaskState.Running, Assert.Single(await hub.Store.GetTasksOfJobAsync(job, CancellationToken.None)).State);

        var woken = hub.Loop.ReadyTasks.NextChange();
        hub.Time.Advance(TimeSpan.FromSeconds(11));
        hub.Post(new TickCommand());
        await woken.WaitAsync(TimeSpan.FromSeconds(10));
        var requeued = Assert.Single(await hub.Store.GetTasksOfJobAsync(job, CancellationToken.None));
        Assert.Equal(TaskState.Pending, requeued.State);

        var late = await ReportAsync(hub, PullAction.Complete, new PullReport(requeued.Id, 1));
        Assert.Equal((PullOutcome.NotHeld, TaskState.Pending), (late.Outcome, late.State));
        Assert.Contains("PENDING", late.Detail, StringComparison.Ordinal);

        var again = Assert.Single(await hub.Loop.PullAsync(Ask(worker: "pull:tester:w2"), CancellationToken.None));
        Assert.Equal(2, again.Grant.Attempt);
    }

    [Fact]
    public async Task Pull_worker_keeps_its_attempt_across_a_hub_restart_and_completes_it()
    {
        await using var hub = await LoopFixture.StartAsync();
        var (job, pulled) = await SubmitAndPullAsync(hub);

        await hub.RestartAsync();
        hub.Time.Advance(TimeSpan.FromSeconds(30)); // longer than the agents' lease timeout
        hub.Post(new TickCommand());
        var beat = await ReportAsync(hub, PullAction.Heartbeat, new PullReport(pulled.Grant.TaskId, null));
        Assert.Equal((PullOutcome.Done, 1, TaskState.Running), (beat.Outcome, beat.Attempt, beat.State));

        var failed = await ReportAsync(hub, PullAction.Fail, new PullReport(pulled.Grant.TaskId, 1, 7, "broke"));
        Assert.Equal(TaskState.Failed, failed.State);
        var stored = Assert.Single(await hub.Store.GetTasksOfJobAsync(job, CancellationToken.None));
        Assert.Equal((TaskState.Failed, 7, "broke"), (stored.State, stored.ExitCode, stored.Reason));
    }

    [Fact]
    public async Task Released_attempt_goes_to_a_waiting_agent()
    {
        await using var hub = await LoopFixture.StartAsync();
        var (_, pulled) = await SubmitAndPullAsync(hub);
        var agent = hub.Connect("a", slots: 1);
        await hub.SyncAsync();

        var released = await ReportAsync(hub, PullAction.Release, new PullReport(pulled.Grant.TaskId, 1));
        Assert.Equal(PullOutcome.Done, released.Outcome);
        var lease = Assert.Single((await agent.NextOfAsync(Protocol.Agent.HubMessage.BodyOneofCase.Leases)).Leases.Leases);
        Assert.Equal((pulled.Grant.TaskId, 2), (lease.TaskId, lease.Attempt));
    }
}
