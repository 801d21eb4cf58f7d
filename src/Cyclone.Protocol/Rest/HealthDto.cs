namespace Cyclone.Protocol.Rest;

/// <summary>The answer of <c>/healthz</c>: the hub is up, and where agents connect (the gRPC port).</summary>
public sealed record HealthDto(string Status, string Version, int GrpcPort);
