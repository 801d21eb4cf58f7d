namespace Cyclone.Protocol.Rest;

/// <summary>A user of the hub.</summary>
public sealed record UserDto(string Name, bool Admin, bool Disabled, DateTimeOffset CreatedAt, string CreatedBy);
