using Cyclone.Core.Resources;

namespace Cyclone.Hub.Scheduling;

/// <summary>One agent as the scheduler sees it at the moment of a <see cref="ClusterView"/>.</summary>
public sealed record LiveAgent(
    string Name, string Host, string State, AgentCapacity Total, AgentCapacity Free, IReadOnlySet<string> Labels,
    int Cores, int RunningParts, DateTimeOffset LastSeen, DateTimeOffset? ConnectedAt)
{
    /// <summary>When a pilot agent leaves (its allocation end less its margin); null for an agent without an end.</summary>
    public DateTimeOffset? AllocationEndsAt { get; init; }
}
