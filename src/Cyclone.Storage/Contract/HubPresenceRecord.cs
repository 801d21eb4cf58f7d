namespace Cyclone.Storage.Contract;

/// <summary>A hub that uses the store, active or standing by, as it last reported itself.</summary>
public sealed record HubPresenceRecord(string Hub, string Url, bool Active, string Version, DateTimeOffset StartedAt, DateTimeOffset LastSeen);
