namespace Cyclone.Protocol.Rest;

/// <summary>One node part of a task that an agent runs (or holds, prefetched) now.</summary>
public sealed record AgentTaskDto(long TaskId, long JobId, int Attempt, int NodeIndex, string State, DateTimeOffset? StartedAt);
