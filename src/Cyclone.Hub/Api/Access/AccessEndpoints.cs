using System.Security.Claims;
using Cyclone.Core.Parsing;
using System.Text.RegularExpressions;
using Cyclone.Core.Workflows;
using Cyclone.Hub.Security;
using Cyclone.Hub.Workflows;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cyclone.Hub.Api.Access;

/// <summary><c>/api/v1/users</c>, <c>/api/v1/whoami</c> and <c>/api/v1/audit</c>. Managing users and reading the audit trail is for administrators.</summary>
public static partial class AccessEndpoints
{
    public static RouteGroupBuilder MapAccessEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/whoami", (ClaimsPrincipal p) => TypedResults.Ok(Caller.Of(p).ToDto()))
            .RequireAuthorization(AccessPolicies.AnyToken).WithTags("Access").WithSummary("Who the token acts for.");
        var users = api.MapGroup("/users").WithTags("Access").RequireAuthorization(AccessPolicies.Admin);
        users.MapGet("/", (TokenRegistry r) => TypedResults.Ok(r.Users().Select(u => u.ToDto()).ToList())).WithSummary("Every user.");
        users.MapPost("/", AddUserAsync).WithSummary("Add a user (then create a token for it with POST /tokens).");
        users.MapPatch("/{name}", UpdateUserAsync).WithSummary("Disable (its tokens stop working at once) or enable a user, or change whether it is an administrator.");
        users.MapPost("/{name}/disable", (string name, TokenRegistry r, ClaimsPrincipal p, CancellationToken ct) =>
            UpdateUserAsync(name, new UserUpdateRequest { Disabled = true }, r, p, ct)).WithSummary("Same as PATCH with disabled: true.");
        api.MapGet("/audit", AuditAsync).RequireAuthorization(AccessPolicies.Admin).WithTags("Access")
            .WithSummary("The audit trail, newest first: every change and every refused call (?user=, ?since=, ?denied=true, ?before=ID, ?limit=).");
        api.MapTokenEndpoints();
        return api;
    }

    internal static async Task<Created<UserDto>> AddUserAsync(UserAddRequest request, TokenRegistry registry, ClaimsPrincipal principal, CancellationToken ct)
    {
        var name = request.Name?.Trim() ?? "";
        if (!IsValidUserName(name))
        {
            throw Invalid("The user is not valid", "name", $"'{Excerpt.Of(name)}' is not a user name: use 1 to 64 lower-case letters, digits, '_', '.' or '-', starting with a letter or '_'");
        }

        var user = await registry.AddUserAsync(name, request.Admin, Caller.Of(principal).Name, ct)
            ?? throw new ConflictException($"there is already a user '{name}'");
        return TypedResults.Created($"/api/v1/users/{name}", user.ToDto());
    }

    internal static async Task<Ok<UserDto>> UpdateUserAsync(string name, UserUpdateRequest request, TokenRegistry registry, ClaimsPrincipal principal, CancellationToken ct)
    {
        var caller = Caller.Of(principal);
        var existing = registry.FindUser(name) ?? throw new KeyNotFoundException($"there is no user '{Excerpt.Of(name)}'");
        var disabled = request.Disabled ?? existing.Disabled;
        if (name == caller.Name && (disabled || request.Admin == false))
        {
            throw Invalid("The change is not allowed", "name", "you cannot disable yourself or take away your own administrator role");
        }

        var user = await registry.UpdateUserAsync(name, disabled, request.Admin, caller.Name, ct)
            ?? throw new KeyNotFoundException($"there is no user '{Excerpt.Of(name)}'");
        return TypedResults.Ok(user.ToDto());
    }

    internal static async Task<Ok<List<AuditEntryDto>>> AuditAsync(
        IAccessStore store, CancellationToken ct, string? user = null, DateTimeOffset? since = null, bool denied = false, long? before = null, int limit = 100)
    {
        var entries = await store.QueryAuditAsync(new AuditQuery(user, since, denied, before, Math.Clamp(limit, 1, 10_000)), ct);
        return TypedResults.Ok(entries.Select(e => e.ToDto()).ToList());
    }

    internal static bool IsValidUserName(string name) => UserName().IsMatch(name);

    internal static WorkflowInvalidException Invalid(string title, string where, string message) => new(title, [new WorkflowProblem(where, message)]);

    [GeneratedRegex("^[a-z_][a-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserName();
}
