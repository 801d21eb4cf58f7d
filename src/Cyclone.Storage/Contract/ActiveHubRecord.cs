namespace Cyclone.Storage.Contract;

/// <summary>The hub that holds the leader lock now: its id, the URL it advertises (null until it has said), since when, and its term.</summary>
public sealed record ActiveHubRecord(string Hub, string? Url, DateTimeOffset Since, long Epoch);
