using Cyclone.Protocol.Agent;

namespace Cyclone.Agent.Attempts;

/// <summary>One node of one attempt of a task: what the agent runs and reports on.</summary>
public readonly record struct AttemptId(long TaskId, int Attempt, int NodeIndex)
{
    public static AttemptId Of(Lease lease) => new(lease.TaskId, lease.Attempt, lease.NodeIndex);

    public static AttemptId Of(AttemptRef reference) => new(reference.TaskId, reference.Attempt, reference.NodeIndex);

    public AttemptRef ToRef() => new() { TaskId = TaskId, Attempt = Attempt, NodeIndex = NodeIndex };

    public override string ToString() => $"task {TaskId} attempt {Attempt} node {NodeIndex}";
}
