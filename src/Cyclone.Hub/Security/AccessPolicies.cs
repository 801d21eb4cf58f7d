using Microsoft.AspNetCore.Authorization;

namespace Cyclone.Hub.Security;

/// <summary>The authorization policies endpoints name. Endpoints that name none need <see cref="Users"/> (the fallback).</summary>
public static class AccessPolicies
{
    /// <summary>Administrators only.</summary>
    public const string Admin = "cyclone-admin";

    /// <summary>Users and administrators (not agents): the default of every endpoint.</summary>
    public const string Users = "cyclone-users";

    /// <summary>Agents and administrators: the agent stream and runner registration.</summary>
    public const string Agents = "cyclone-agents";

    /// <summary>Any valid token, whatever its role (who am I).</summary>
    public const string AnyToken = "cyclone-any-token";

    public static void Configure(AuthorizationOptions options)
    {
        var users = Require(AccessRole.User, AccessRole.Admin);
        options.AddPolicy(Admin, Require(AccessRole.Admin));
        options.AddPolicy(Users, users);
        options.AddPolicy(Agents, Require(AccessRole.Agent, AccessRole.Admin));
        options.AddPolicy(AnyToken, Require(AccessRole.Agent, AccessRole.User, AccessRole.Admin));
        options.DefaultPolicy = users;
        options.FallbackPolicy = users;
    }

    private static AuthorizationPolicy Require(params string[] roles) =>
        new AuthorizationPolicyBuilder(BearerTokenDefaults.Scheme).RequireAuthenticatedUser().RequireRole(roles).Build();
}
