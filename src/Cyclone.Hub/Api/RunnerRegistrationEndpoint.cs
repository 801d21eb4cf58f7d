using Cyclone.Hub.Agents;
using Cyclone.Hub.Hosting;
using Cyclone.Hub.Scheduling;
using Cyclone.Hub.Security;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Cyclone.Hub.Api;

/// <summary>
/// <c>POST /api/v1/runners/register</c>: a runner (agent) announces itself with its agent token before it opens its
/// stream, and learns where and how to connect. Agents call it when they start, so a refused token is said at once.
/// </summary>
public static class RunnerRegistrationEndpoint
{
    public static RouteGroupBuilder MapRunnerRegistration(this RouteGroupBuilder api)
    {
        api.MapPost("/runners/register", RegisterAsync).RequireAuthorization(AccessPolicies.Agents).WithTags("Operations")
            .WithSummary("Register a runner (agent token): it is listed, DOWN until its stream is open; answers the gRPC port and timings.");
        return api;
    }

    internal static async Task<Results<Ok<RunnerRegisteredDto>, ProblemHttpResult>> RegisterAsync(
        RunnerRegisterRequest request, SchedulerLoop loop, IStore store, HubEndpointInfo info, IOptions<HubOptions> options, TimeProvider time, CancellationToken ct)
    {
        var labels = request.Labels ?? [];
        if (RunnerRegistrationRules.Problem(request.Name, request.Host, request.Slots, request.MemoryBytes, request.Gpus, labels) is { } problem)
        {
            return TypedResults.Problem(title: "The runner is not valid", detail: problem, statusCode: StatusCodes.Status400BadRequest);
        }

        var name = request.Name!.Trim();
        if (!loop.View.Agents.Any(a => a.Name == name && a.State != "DOWN"))
        {
            var now = time.GetUtcNow();
            await store.UpsertAgentsAsync(
                [new AgentRecord(name, request.Host ?? "", request.Slots, Math.Max(0, request.Cores), request.MemoryBytes, request.Gpus,
                    labels.Select(l => l.Trim()).Distinct(StringComparer.Ordinal).ToList(), "DOWN", now, now)],
                ct);
        }

        var o = options.Value;
        return TypedResults.Ok(new RunnerRegisteredDto(
            name, info.GrpcPort, info.Tls, (int)o.HeartbeatInterval.TotalMilliseconds, (int)o.LeaseTimeout.TotalMilliseconds));
    }
}
