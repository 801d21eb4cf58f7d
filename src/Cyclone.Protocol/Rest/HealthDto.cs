namespace Cyclone.Protocol.Rest;

/// <summary>
/// The answer of <c>/healthz</c>: the hub is up (<c>ok</c>, or <c>standby</c> for a standby hub), and where agents connect
/// (the gRPC port; 0 on a standby, which takes no agents).
/// </summary>
public sealed record HealthDto(string Status, string Version, int GrpcPort)
{
    /// <summary><c>active</c> for the hub that schedules (a hub on SQLite always is), <c>standby</c> for one that waits to take over.</summary>
    public string Role { get; init; } = "active";

    /// <summary>On a standby: the REST URL of the active hub, when one is; null otherwise.</summary>
    public string? Active { get; init; }
}
