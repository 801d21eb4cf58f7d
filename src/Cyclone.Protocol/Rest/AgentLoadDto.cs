namespace Cyclone.Protocol.Rest;

/// <summary>An agent's slots busy over time, oldest sample first (the hub keeps the last few minutes in memory).</summary>
public sealed record AgentLoadDto(string Name, double IntervalSeconds, IReadOnlyList<AgentLoadSampleDto> Samples);
