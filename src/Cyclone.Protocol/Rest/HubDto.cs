namespace Cyclone.Protocol.Rest;

/// <summary>A hub of the cluster: where it is reached, whether it is the active hub or a standby, and when it last reported.</summary>
public sealed record HubDto(string Url, string Role, string Version, DateTimeOffset StartedAt, DateTimeOffset LastSeen);
