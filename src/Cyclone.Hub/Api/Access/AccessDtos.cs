using Cyclone.Hub.Security;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;

namespace Cyclone.Hub.Api.Access;

/// <summary>Users, tokens and audit entries as the API shows them (never a token's secret or hash).</summary>
internal static class AccessDtos
{
    public static UserDto ToDto(this UserRecord u) => new(u.Name, u.IsAdmin, u.Disabled, u.CreatedAt, u.CreatedBy);

    public static TokenDto ToDto(this TokenRecord t, DateTimeOffset now) => new(
        t.Id, t.User, t.Name, t.Role, t.Lookup + "…",
        t.RevokedAt is not null ? "revoked" : t.ExpiresAt is { } e && e <= now ? "expired" : "active",
        t.CreatedAt, t.CreatedBy, t.ExpiresAt, t.RevokedAt, t.RevokedBy);

    public static AuditEntryDto ToDto(this AuditRecord a) =>
        new(a.Id, a.At, a.User, a.TokenId, a.Role, a.Method, a.Path, a.Status, a.Remote, a.Detail);

    public static WhoAmIDto ToDto(this Caller c) => new(c.Name, c.Role, c.TokenId);
}
