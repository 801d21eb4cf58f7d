using Cyclone.Core.Tasks;

namespace Cyclone.Core.Scheduling;

/// <summary>A lease: node <see cref="NodeIndex"/> of attempt <see cref="Attempt"/> of a task, given to <see cref="Agent"/>.</summary>
public sealed record LeaseGrant(string Agent, long TaskId, long JobId, int Attempt, int NodeIndex, IReadOnlyList<string> NodeList);

/// <summary>An order to an agent to stop an attempt it runs.</summary>
public sealed record StopOrder(string Agent, long TaskId, int Attempt, int NodeIndex, string Reason);

/// <summary>
/// A change of a task's durable state, to be written before it is acted on. <see cref="Previous"/> is the state it
/// leaves, when the caller knows it (the store then need not read it). <see cref="Results"/> are the result sets the
/// completing attempt emitted for sinks, kept in the same transaction as the completion.
/// </summary>
public sealed record TaskTransition(
    long TaskId, long JobId, TaskState State, int Attempt, int Failures, DateTimeOffset At,
    int? ExitCode = null, string? Reason = null, IReadOnlyList<string>? Agents = null, string? Outputs = null, TaskState? Previous = null,
    IReadOnlyList<TaskResultSet>? Results = null);

/// <summary>What one call into <see cref="SchedulerState"/> asks the hub to do: persist, then send.</summary>
public sealed class SchedulerEffects
{
    public List<TaskTransition> Transitions { get; } = [];

    public List<LeaseGrant> Leases { get; } = [];

    public List<StopOrder> Stops { get; } = [];

    /// <summary>Outcomes that arrived for attempts that are no longer current.</summary>
    public int IgnoredOutcomes { get; internal set; }

    public bool IsEmpty => Transitions.Count == 0 && Leases.Count == 0 && Stops.Count == 0;

    public void Clear()
    {
        Transitions.Clear();
        Leases.Clear();
        Stops.Clear();
        IgnoredOutcomes = 0;
    }
}
