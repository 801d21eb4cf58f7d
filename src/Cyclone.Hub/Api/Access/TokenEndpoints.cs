using System.Security.Claims;
using Cyclone.Core.Parsing;
using Cyclone.Hub.Security;
using Cyclone.Protocol.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cyclone.Hub.Api.Access;

/// <summary>
/// <c>/api/v1/tokens</c>. Users create, list and revoke their own user tokens; administrators also those of others,
/// and agent tokens. A token's secret is in the answer that creates it and nowhere else.
/// </summary>
public static class TokenEndpoints
{
    /// <summary>Longest lifetime a token may be given.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(3660);

    public static RouteGroupBuilder MapTokenEndpoints(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("Access");
        tokens.MapGet("/", List).WithSummary("Your tokens (administrators: every token, or ?user=).");
        tokens.MapPost("/", CreateAsync).WithSummary("Create a token; its secret is shown in this answer only.");
        tokens.MapDelete("/{id:long}", RevokeAsync).WithSummary("Revoke a token: it stops working at once, also on open agent streams.");
        tokens.MapPost("/{id:long}/revoke", RevokeAsync).WithSummary("Same as DELETE /tokens/{id}.");
        return api;
    }

    internal static Ok<List<TokenDto>> List(TokenRegistry registry, ClaimsPrincipal principal, TimeProvider time, string? user = null)
    {
        var caller = Caller.Of(principal);
        var now = time.GetUtcNow();
        var tokens = registry.Tokens().Where(t => caller.IsAdmin ? user is null || t.User == user : t.User == caller.Name);
        return TypedResults.Ok(tokens.Select(t => t.ToDto(now)).ToList());
    }

    internal static async Task<Created<TokenCreatedDto>> CreateAsync(
        TokenCreateRequest request, TokenRegistry registry, ClaimsPrincipal principal, TimeProvider time, CancellationToken ct)
    {
        var caller = Caller.Of(principal);
        var user = string.IsNullOrWhiteSpace(request.User) ? caller.Name : request.User.Trim();
        var role = string.IsNullOrWhiteSpace(request.Role) ? AccessRole.User : request.Role.Trim().ToLowerInvariant();
        var name = string.IsNullOrWhiteSpace(request.Name) ? $"{role} token" : request.Name.Trim();
        if (user != caller.Name && !caller.IsAdmin)
        {
            throw new NotOwnerException($"only administrators create tokens for other users (you are {caller.Name})");
        }

        if (!AccessRole.TokenRoles.Contains(role))
        {
            throw AccessEndpoints.Invalid("The token is not valid", "role", $"'{Excerpt.Of(role)}' is not a role: use user or agent");
        }

        if (role == AccessRole.Agent && !caller.IsAdmin)
        {
            throw new NotOwnerException("only administrators create agent tokens");
        }

        if (name.Length > 100 || name.Any(char.IsControl))
        {
            throw AccessEndpoints.Invalid("The token is not valid", "name", "the name must be at most 100 characters without control characters");
        }

        if (registry.FindUser(user) is not { Disabled: false })
        {
            throw AccessEndpoints.Invalid("The token is not valid", "user", $"there is no enabled user '{Excerpt.Of(user)}'");
        }

        DateTimeOffset? expires = null;
        if (!string.IsNullOrWhiteSpace(request.Expires))
        {
            if (!DurationParser.TryParse(request.Expires, out var lifetime) || lifetime < TimeSpan.FromMinutes(1) || lifetime > MaxLifetime)
            {
                throw AccessEndpoints.Invalid("The token is not valid", "expires",
                    $"'{Excerpt.Of(request.Expires)}' is not a lifetime between 1m and {MaxLifetime.TotalDays:0}d (write it like 30d, 12h or 90m)");
            }

            expires = time.GetUtcNow() + lifetime;
        }

        var created = await registry.CreateTokenAsync(user, name, role, expires, caller.Name, ct);
        return TypedResults.Created($"/api/v1/tokens/{created.Record.Id}", new TokenCreatedDto(created.Record.ToDto(time.GetUtcNow()), created.Secret));
    }

    internal static async Task<Ok<TokenDto>> RevokeAsync(long id, TokenRegistry registry, ClaimsPrincipal principal, TimeProvider time, CancellationToken ct)
    {
        var caller = Caller.Of(principal);
        var token = registry.FindToken(id) ?? throw new KeyNotFoundException($"there is no token {id}");
        if (!caller.Owns(token.User))
        {
            throw new NotOwnerException($"token {id} belongs to another user; only its owner or an administrator may revoke it");
        }

        await registry.RevokeAsync(id, caller.Name, ct);
        return TypedResults.Ok(registry.FindToken(id)!.ToDto(time.GetUtcNow()));
    }
}
