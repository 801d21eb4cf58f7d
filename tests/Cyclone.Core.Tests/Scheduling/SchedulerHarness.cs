using Cyclone.Core.Resources;
using Cyclone.Core.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace Cyclone.Core.Tests.Scheduling;

/// <summary>A scheduler state driven by a fake clock; each operation returns the effects of that one call.</summary>
internal sealed class SchedulerHarness
{
    public SchedulerHarness(SchedulerOptions? options = null)
    {
        State = new SchedulerState(options ?? new SchedulerOptions());
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public SchedulerState State { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public static NodeDemand Demand(int slots = 1, long memGb = 0, int gpus = 0, params string[] labels) =>
        new(slots, memGb << 30, gpus, labels);

    public static IReadOnlySet<string> Labels(params string[] labels) => new HashSet<string>(labels, StringComparer.Ordinal);

    public static SchedulerTask NewTask(long id, int priority = 0, int nodes = 1, NodeDemand? demand = null, int maxRetries = 0, TimeSpan? timeLimit = null, long? sequence = null) =>
        new(id, jobId: 1000 + id, demand ?? NodeDemand.OneSlot, nodes, priority, sequence ?? id) { MaxRetries = maxRetries, TimeLimit = timeLimit };

    /// <summary>Adds a pending task (no dispatch, as <see cref="SchedulerState.Add"/> does).</summary>
    public SchedulerTask Submit(long id, int priority = 0, int nodes = 1, NodeDemand? demand = null, int maxRetries = 0, TimeSpan? timeLimit = null, long? sequence = null)
    {
        var task = NewTask(id, priority, nodes, demand, maxRetries, timeLimit, sequence);
        State.Add(task);
        return task;
    }

    public SchedulerEffects Connect(string name, int slots = 4, long memGb = 16, int gpus = 0, string[]? labels = null, params RunningPart[] running)
    {
        var fx = new SchedulerEffects();
        State.Connect(name, new AgentCapacity(slots, memGb << 30, gpus), Labels(labels ?? []), running, Now, fx);
        return fx;
    }

    public SchedulerEffects Ask(string name) => Run(fx => State.Ask(name, Now, fx));

    public SchedulerEffects Dispatch() => Run(fx => State.Dispatch(Now, fx));

    public SchedulerEffects Outcome(string agent, long taskId, int attempt, int node, PartResult result) =>
        Run(fx => State.ReportOutcome(agent, taskId, attempt, node, result, Now, fx));

    public SchedulerEffects Succeed(string agent, long taskId, int attempt, int node = 0) =>
        Outcome(agent, taskId, attempt, node, new PartResult(PartEnd.Exited, 0));

    public SchedulerEffects Fail(string agent, long taskId, int attempt, int node = 0, int exitCode = 1) =>
        Outcome(agent, taskId, attempt, node, new PartResult(PartEnd.Exited, exitCode, $"exit {exitCode}"));

    public SchedulerEffects Cancel(params long[] ids) => Run(fx => State.Cancel(ids, "cancelled by test", Now, fx));

    public SchedulerEffects Drain(string name, bool handBack) => Run(fx => State.Drain(name, handBack, Now, fx));

    public (IReadOnlyList<string> Lost, SchedulerEffects Effects) Tick()
    {
        var fx = new SchedulerEffects();
        var lost = State.Tick(Now, fx);
        return (lost, fx);
    }

    public SchedulerTask Task(long id) => State.FindTask(id) ?? throw new InvalidOperationException($"task {id} is not active");

    public SchedulerAgent Agent(string name) => State.FindAgent(name) ?? throw new InvalidOperationException($"agent {name} is unknown");

    private static SchedulerEffects Run(Action<SchedulerEffects> action)
    {
        var fx = new SchedulerEffects();
        action(fx);
        return fx;
    }
}
