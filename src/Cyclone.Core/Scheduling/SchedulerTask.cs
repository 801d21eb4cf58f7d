using Cyclone.Core.Dependencies;
using Cyclone.Core.Resources;
using Cyclone.Core.Tasks;

namespace Cyclone.Core.Scheduling;

/// <summary>
/// The scheduler's small record of one active task. Payloads (command, environment) stay in the store.
/// A task runs on <see cref="Nodes"/> distinct agents at once; each node is a part of the attempt.
/// </summary>
public sealed class SchedulerTask
{
    public SchedulerTask(long id, long jobId, NodeDemand demand, int nodes, int priority, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        Id = id;
        JobId = jobId;
        Demand = demand;
        Nodes = nodes;
        Priority = priority;
        Sequence = sequence;
        PartAgents = new string?[nodes];
        PartDone = new bool[nodes];
    }

    public long Id { get; }

    public long JobId { get; }

    /// <summary>What each node needs.</summary>
    public NodeDemand Demand { get; }

    public int Nodes { get; }

    public int Priority { get; }

    /// <summary>Submission order; older tasks go first among equal priorities.</summary>
    public long Sequence { get; }

    public TaskState State { get; internal set; } = TaskState.Pending;

    /// <summary>The current attempt; 0 before the first lease.</summary>
    public int Attempt { get; internal set; }

    /// <summary>How many attempts ended with a failure (not a lost host).</summary>
    public int Failures { get; internal set; }

    /// <summary>How many failures may be retried (<c>--retries</c>).</summary>
    public int MaxRetries { get; init; }

    public TimeSpan? TimeLimit { get; init; }

    /// <summary>
    /// What kind of runner environment the task uses (its typed task kind or program); an agent that just
    /// ran a task of the same class is offered more of them first. Null: no preference.
    /// </summary>
    public string? RunnerClass { get; init; }

    /// <summary>The user the task belongs to: a user's pull workers lease only its own tasks. Null when unknown.</summary>
    public string? User { get; init; }

    /// <summary>When the task was submitted: an event counts for it only if recorded at or after this.</summary>
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>Tasks this one waits for; it stays blocked until each has ended as its kind requires.</summary>
    public IReadOnlyList<TaskDependency> Dependencies { get; init; } = [];

    /// <summary>An event this task waits for once its dependencies are met; it then completes with the event's data and never runs on an agent.</summary>
    public string? WaitsForEvent { get; init; }

    /// <summary>At most this many tasks of the same job run (or wait in the ready queue) at once: a job array's <c>%N</c>.</summary>
    public int? MaxActiveInJob { get; init; }

    /// <summary>Dependencies not met yet.</summary>
    public int UnmetDependencies { get; internal set; }

    /// <summary>True while the task waits behind its job's <see cref="MaxActiveInJob"/>.</summary>
    public bool Held { get; internal set; }

    /// <summary>The outputs node 0 reported for the current attempt (JSON object text), recorded when the task completes.</summary>
    internal string? ReportedOutputs { get; set; }

    public DateTimeOffset? StartedAt { get; internal set; }

    /// <summary>The agent of each node part of the current attempt; null when not placed.</summary>
    public string?[] PartAgents { get; }

    /// <summary>Which node parts of the current attempt have ended.</summary>
    public bool[] PartDone { get; }

    /// <summary>
    /// True when every node part of the current attempt is on one agent (one that stands for a cluster, see
    /// <see cref="Resources.Placement.FitsWhole"/>): it holds one lease, node 0's, and its outcome ends every part.
    /// </summary>
    public bool PlacedWhole => Nodes > 1 && PartAgents[0] is { } first && Array.TrueForAll(PartAgents, a => a == first);

    internal void ClearParts()
    {
        Array.Clear(PartAgents);
        Array.Clear(PartDone);
    }
}
