namespace Cyclone.Core.Resources;

/// <summary>
/// What one node of a task needs on its agent: slots (cpus per process times processes per node),
/// memory in bytes (0: no requirement), GPUs, and labels the agent must carry.
/// </summary>
public sealed record NodeDemand(int Slots, long MemoryBytes, int Gpus, IReadOnlyList<string> Labels)
{
    /// <summary>One slot, nothing else.</summary>
    public static NodeDemand OneSlot { get; } = new(1, 0, 0, []);
}
