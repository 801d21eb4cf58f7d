namespace Cyclone.Storage.Contract;

/// <summary>An agent as stored: identity, resources, and when it was last heard.</summary>
public sealed record AgentRecord(
    string Name, string Host, int Slots, int Cores, long MemoryBytes, int Gpus, IReadOnlyList<string> Labels,
    string State, DateTimeOffset ConnectedAt, DateTimeOffset LastSeen)
{
    /// <summary>
    /// Drained by an operator: it stays drained across its reconnects and the hub's restarts until resumed. Null when
    /// writing leaves the stored value as it is (and a new agent is not drained).
    /// </summary>
    public bool? Drained { get; init; }
}
