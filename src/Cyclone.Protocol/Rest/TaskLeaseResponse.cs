namespace Cyclone.Protocol.Rest;

/// <summary>The tasks leased to a pull worker, in dispatch order; empty when none was ready.</summary>
public sealed record TaskLeaseResponse(IReadOnlyList<LeasedTaskDto> Tasks);
