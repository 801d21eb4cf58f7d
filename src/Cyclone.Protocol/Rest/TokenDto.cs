namespace Cyclone.Protocol.Rest;

/// <summary>
/// A token as listed: never its secret, only its first characters (<see cref="Prefix"/>) to recognise it.
/// <see cref="State"/> is <c>active</c>, <c>expired</c> or <c>revoked</c>.
/// </summary>
public sealed record TokenDto(
    long Id, string User, string Name, string Role, string Prefix, string State, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? RevokedBy);
