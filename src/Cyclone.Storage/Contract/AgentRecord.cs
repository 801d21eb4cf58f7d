namespace Cyclone.Storage.Contract;

/// <summary>An agent as stored: identity, resources, and when it was last heard.</summary>
public sealed record AgentRecord(
    string Name, string Host, int Slots, int Cores, long MemoryBytes, int Gpus, IReadOnlyList<string> Labels,
    string State, DateTimeOffset ConnectedAt, DateTimeOffset LastSeen);
