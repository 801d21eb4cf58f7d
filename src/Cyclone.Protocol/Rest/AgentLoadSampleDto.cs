namespace Cyclone.Protocol.Rest;

/// <summary>How many of an agent's slots were busy at one moment.</summary>
public sealed record AgentLoadSampleDto(DateTimeOffset At, int SlotsUsed, int SlotsTotal);
