namespace Cyclone.Hub.Events;

/// <summary>What pushing an event did: its id, how many waiting tasks it completed, which runs it started.</summary>
public sealed record EventPushResult(long Id, string Name, int Delivered, IReadOnlyList<long> StartedRuns);
