using Cyclone.Core.Resources;

namespace Cyclone.Storage.Contract;

/// <summary>
/// A validated task about to be stored: the scheduling fields in columns, what the agent needs
/// (<see cref="Payload"/>) beside them.
/// </summary>
public sealed record NewTask(
    int Index, string Name, NodeDemand Demand, int Nodes, int Priority, int MaxRetries, TimeSpan? TimeLimit, TaskPayload Payload)
{
    /// <summary>Tasks this one waits for; it is stored BLOCKED when there are any.</summary>
    public IReadOnlyList<NewDependency> Dependencies { get; init; } = [];

    /// <summary>An event the task waits for instead of running on an agent (stored BLOCKED).</summary>
    public string? WaitsForEvent { get; init; }

    /// <summary>At most this many tasks of the job run at once (a job array's <c>%N</c>).</summary>
    public int? MaxActiveInJob { get; init; }

    /// <summary>Whether the task starts out BLOCKED rather than PENDING.</summary>
    public bool StartsBlocked => Dependencies.Count > 0 || WaitsForEvent is not null;
}
