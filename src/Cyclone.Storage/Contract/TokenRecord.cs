namespace Cyclone.Storage.Contract;

/// <summary>
/// An access token as stored: never the secret itself, only <see cref="Lookup"/> (its first characters, to find
/// it) and <see cref="Hash"/> (SHA-256 of the whole token). <see cref="Role"/> is <c>user</c> or <c>agent</c>.
/// </summary>
public sealed record TokenRecord(
    long Id, string User, string Name, string Role, string Lookup, byte[] Hash, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? RevokedBy);
