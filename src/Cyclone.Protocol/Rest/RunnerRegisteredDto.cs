namespace Cyclone.Protocol.Rest;

/// <summary>What a registered runner needs to connect: the gRPC port, whether it uses TLS, and the heartbeat and lease times.</summary>
public sealed record RunnerRegisteredDto(string Name, int GrpcPort, bool Tls, int HeartbeatIntervalMs, int LeaseTimeoutMs);
