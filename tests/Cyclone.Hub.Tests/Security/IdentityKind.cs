namespace Cyclone.Hub.Tests.Security;

/// <summary>What kind of caller an <see cref="AccessIdentity"/> is.</summary>
internal enum IdentityKind
{
    /// <summary>No token, a malformed or unknown one, an expired or a revoked one: always 401.</summary>
    Refused,
    UserA,
    UserB,
    Agent,
    Admin,
}
