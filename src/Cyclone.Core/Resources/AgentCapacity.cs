namespace Cyclone.Core.Resources;

/// <summary>An amount of an agent's resources: slots, memory in bytes, GPUs.</summary>
public readonly record struct AgentCapacity(int Slots, long MemoryBytes, int Gpus)
{
    /// <summary>Nothing.</summary>
    public static AgentCapacity None => default;

    /// <summary>True when <paramref name="demand"/> fits in this amount (labels aside).</summary>
    public bool Holds(NodeDemand demand) =>
        demand.Slots <= Slots && demand.MemoryBytes <= MemoryBytes && demand.Gpus <= Gpus;

    public AgentCapacity Minus(NodeDemand d) => new(Slots - d.Slots, MemoryBytes - d.MemoryBytes, Gpus - d.Gpus);

    public AgentCapacity Plus(NodeDemand d) => new(Slots + d.Slots, MemoryBytes + d.MemoryBytes, Gpus + d.Gpus);
}
