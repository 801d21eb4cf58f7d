using System.Security.Claims;
using Cyclone.Hub.Security;
using Cyclone.Hub.Workflows;
using Cyclone.Hub.Workflows.Kinds;
using Cyclone.Protocol.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cyclone.Hub.Api;

/// <summary><c>/api/v1/kinds</c>: the node kinds workflows may use; users register command templates and typed task classes.</summary>
public static class KindEndpoints
{
    public static RouteGroupBuilder MapKindEndpoints(this RouteGroupBuilder api)
    {
        var kinds = api.MapGroup("/kinds").WithTags("Workflows");
        kinds.MapGet("/", (HubKindCatalog c) => TypedResults.Ok(c.List())).WithSummary("Every node kind, built-in and registered, with its ports.");
        kinds.MapPut("/{kind}", SetAsync).RequireAuthorization(AccessPolicies.Admin)
            .WithSummary("Register or replace a kind: a command template or a typed task class (administrators: kinds run on every agent).");
        kinds.MapDelete("/{kind}", DeleteAsync).RequireAuthorization(AccessPolicies.Admin).WithSummary("Remove a registered kind (administrators).");
        return api;
    }

    internal static async Task<Ok<NodeKindDto>> SetAsync(string kind, NodeKindDto spec, HubKindCatalog catalog, ClaimsPrincipal principal, CancellationToken ct)
    {
        var problems = await catalog.SetAsync(kind, spec, Caller.Of(principal).Name, ct);
        if (problems.Count > 0)
        {
            throw new WorkflowInvalidException("The node kind is not valid", problems);
        }

        return TypedResults.Ok(catalog.List().First(k => k.Kind == kind));
    }

    internal static async Task<Results<NoContent, NotFound>> DeleteAsync(string kind, HubKindCatalog catalog, CancellationToken ct) =>
        await catalog.DeleteAsync(kind, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
