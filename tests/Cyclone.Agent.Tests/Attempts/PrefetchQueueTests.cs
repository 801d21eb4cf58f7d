using Cyclone.Agent.Attempts;
using Cyclone.Agent.Hosting;
using Cyclone.Agent.Hub;
using Cyclone.Agent.Tests.Executors;
using Cyclone.Agent.Tests.Support;
using Cyclone.Protocol.Agent;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cyclone.Agent.Tests.Attempts;

public sealed class PrefetchQueueTests
{
    private readonly ExecutorHarness _executors = new();
    private readonly OutcomeLedger _ledger = new();
    private readonly Outbox _outbox = new(1 << 20, NullLogger<Outbox>.Instance);
    private readonly AttemptSupervisor _supervisor;

    public PrefetchQueueTests()
    {
        _supervisor = new AttemptSupervisor(
            _executors.Executor, _ledger, _outbox, new AgentOptions { Slots = 1, Prefetch = 4 }, TimeProvider.System, NullLogger<AttemptSupervisor>.Instance);
    }

    private List<Outcome> Outcomes()
    {
        var outcomes = new List<Outcome>();
        while (_outbox.TryTake(out var message))
        {
            if (message.Outcomes is { } batch)
            {
                outcomes.AddRange(batch.Outcomes);
            }
        }

        return outcomes;
    }

    [Fact]
    public async Task Leases_beyond_the_free_slots_wait_and_run_one_after_another_in_order()
    {
        var dir = Directory.CreateTempSubdirectory("cyclone-prefetch-").FullName;
        var log = Path.Combine(dir, "order");
        var leases = Enumerable.Range(0, 3).Select(i => Leases.Shell($"echo start {i} >> {log}; sleep 0.2; echo end {i} >> {log}")).ToList();
        _supervisor.Start(leases);

        Assert.Equal(3, _supervisor.Running().Count); // the waiting ones are held, and reported in heartbeats
        await _supervisor.WhenIdle().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["start 0", "end 0", "start 1", "end 1", "start 2", "end 2"], File.ReadAllLines(log));
        Assert.All(Outcomes(), o => Assert.Equal((OutcomeKind.Exited, 0), (o.Kind, o.ExitCode)));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task A_waiting_lease_that_is_stopped_ends_stopped_without_running()
    {
        var running = Leases.Shell("sleep 30");
        var waiting = Leases.Shell("echo never");
        _supervisor.Start([running, waiting]);

        _supervisor.Stop(new AttemptRef { TaskId = waiting.TaskId, Attempt = 1 }, "cancelled");
        var stopped = Assert.Single(Outcomes());
        Assert.Equal((waiting.TaskId, OutcomeKind.Stopped), (stopped.Attempt.TaskId, stopped.Kind));
        Assert.Single(_supervisor.Running());

        _supervisor.Stop(new AttemptRef { TaskId = running.TaskId, Attempt = 1 }, "cancelled");
        await _supervisor.WhenIdle().WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Handing_back_gives_back_the_waiting_leases_too()
    {
        _supervisor.Start([Leases.Shell("sleep 30"), Leases.Shell("echo never"), Leases.Shell("echo never")]);

        Assert.Equal(3, _supervisor.HandBackAll("shutting down"));
        await _supervisor.WhenIdle().WaitAsync(TimeSpan.FromSeconds(30));
        var outcomes = Outcomes();
        Assert.Equal(3, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(OutcomeKind.HandedBack, o.Kind));
    }
}
