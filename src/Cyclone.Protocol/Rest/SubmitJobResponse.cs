namespace Cyclone.Protocol.Rest;

/// <summary>The ids a durable submission was given.</summary>
public sealed record SubmitJobResponse(long JobId, IReadOnlyList<long> TaskIds);
