using Cyclone.Core.Dependencies;
using Cyclone.Core.Resources;
using Cyclone.Core.Tasks;

namespace Cyclone.Storage.Contract;

/// <summary>What the scheduler needs to take a non-final task back after a restart.</summary>
public sealed record ActiveTaskRecord(
    long Id, long JobId, NodeDemand Demand, int Nodes, int Priority, int MaxRetries, TimeSpan? TimeLimit,
    TaskState State, int Attempt, int Failures, IReadOnlyList<string> Agents, DateTimeOffset? StartedAt)
{
    /// <summary>The task's dependencies (loaded for blocked tasks only).</summary>
    public IReadOnlyList<TaskDependency> Dependencies { get; init; } = [];

    public string? WaitsForEvent { get; init; }

    public int? MaxActiveInJob { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The user the task belongs to.</summary>
    public string? User { get; init; }
}
