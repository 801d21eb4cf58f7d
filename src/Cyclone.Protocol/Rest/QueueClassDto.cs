namespace Cyclone.Protocol.Rest;

/// <summary>
/// Tasks waiting in the queue that ask for the same resources: a resource class (<see cref="Class"/>, e.g.
/// <c>1 slot</c>, <c>4 slots, 1 GPU [gpu]</c>) with how many are ready (PENDING) and how many wait for dependencies or an event (BLOCKED).
/// </summary>
public sealed record QueueClassDto(string Class, IReadOnlyList<string> Labels, int Slots, long MemoryBytes, int Gpus, int Pending, int Blocked);
