using System.Globalization;
using System.Security.Claims;

namespace Cyclone.Hub.Security;

/// <summary>Who a request acts for, read from the claims the bearer token handler set.</summary>
public sealed record Caller(string Name, string Role, long? TokenId)
{
    public bool IsAdmin => Role == AccessRole.Admin;

    /// <summary>True when the caller may act on something <paramref name="owner"/> owns: its owner, or an administrator.</summary>
    public bool Owns(string owner) => IsAdmin || string.Equals(owner, Name, StringComparison.Ordinal);

    public static Caller Of(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var token = principal.FindFirstValue(BearerTokenDefaults.TokenIdClaim);
        return new Caller(
            principal.Identity?.IsAuthenticated == true ? principal.Identity.Name ?? "anonymous" : "anonymous",
            principal.FindFirstValue(ClaimTypes.Role) ?? "none",
            token is null ? null : long.Parse(token, CultureInfo.InvariantCulture));
    }
}
