using System.Security.Claims;
using Cyclone.Core.Tasks;
using Cyclone.Hub.Security;
using Cyclone.Hub.Hosting;
using Cyclone.Hub.Scheduling;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cyclone.Hub.Api;

/// <summary><c>/healthz</c>, <c>/api/v1/agents</c>, <c>/api/v1/cluster</c> and <c>/api/v1/tasks</c>.</summary>
public static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (HubEndpointInfo info) => TypedResults.Ok(new HealthDto("ok", HubEndpointInfo.Version, info.GrpcPort)))
            .AllowAnonymous().WithTags("Health").WithSummary("The hub is up; where agents connect. The only call that needs no token.");
        return app;
    }

    public static RouteGroupBuilder MapClusterEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/agents", AgentsAsync).WithTags("Cluster").WithSummary("Every agent the hub knows, live ones first.");
        api.MapGet("/cluster", ClusterAsync).WithTags("Cluster").WithSummary("Hubs (active and standby), agents, and jobs and tasks by state.");
        api.MapGet("/tasks", TasksAsync).WithTags("Jobs").WithSummary("Tasks in dispatch order (priority, then age).");
        return api;
    }

    internal static async Task<Ok<List<AgentDto>>> AgentsAsync(SchedulerLoop loop, IStore store, CancellationToken ct) =>
        TypedResults.Ok(await ListAgentsAsync(loop.View, store, ct));

    internal static async Task<Ok<ClusterInfoDto>> ClusterAsync(SchedulerLoop loop, IStore store, HighAvailability.HubRoster hubs, CancellationToken ct)
    {
        var agents = await ListAgentsAsync(loop.View, store, ct);
        var jobs = await store.CountJobsByStateAsync(ct);
        var tasks = await store.CountTasksByStateAsync(ct);
        return TypedResults.Ok(new ClusterInfoDto
        {
            HubVersion = HubEndpointInfo.Version,
            Hubs = await hubs.ListAsync(ct),
            Agents = agents,
            JobsByState = jobs.ToDictionary(p => p.Key.ToWire(), p => p.Value),
            TasksByState = tasks.ToDictionary(p => p.Key.ToWire(), p => p.Value),
        });
    }

    internal static async Task<Results<Ok<PageDto<TaskDto>>, ProblemHttpResult>> TasksAsync(
        IStore store, ClaimsPrincipal principal, CancellationToken ct, string? state = null, string? user = null, long? job = null, int offset = 0, int limit = 100)
    {
        if (!StateFilter.TryParse(state, out var states, out var error))
        {
            return JobEndpoints.BadQuery("state", error);
        }

        if (offset < 0 || limit is < 1 or > 1000)
        {
            return JobEndpoints.BadQuery("limit", "offset must be >= 0 and limit between 1 and 1000");
        }

        var page = await store.QueryTasksAsync(new TaskQuery(states, user, job, offset, limit), ct);
        var viewer = Caller.Of(principal);
        return TypedResults.Ok(new PageDto<TaskDto>(page.Items.Select(t => t.ToDto(viewer)).ToList(), page.Total, offset, limit));
    }

    private static async Task<List<AgentDto>> ListAgentsAsync(ClusterView view, IStore store, CancellationToken ct)
    {
        var stored = (await store.ListAgentsAsync(ct)).ToDictionary(a => a.Name, StringComparer.Ordinal);
        var live = view.Agents.Select(a => stored.TryGetValue(a.Name, out var s) && string.IsNullOrEmpty(a.Host)
            ? FromStore(s) // known only from a running attempt the store kept: it has not reconnected since a restart
            : new AgentDto
            {
                Name = a.Name,
                Host = a.Host,
                State = a.State,
                SlotsTotal = a.Total.Slots,
                SlotsUsed = a.Total.Slots - a.Free.Slots,
                Cores = a.Cores,
                MemoryBytes = a.Total.MemoryBytes,
                Gpus = a.Total.Gpus,
                Labels = a.Labels.Order(StringComparer.Ordinal).ToList(),
                RunningParts = a.RunningParts,
                LastHeartbeat = a.LastSeen,
                ConnectedAt = a.ConnectedAt,
                Pilot = a.AllocationEndsAt is not null,
                AllocationEndsAt = a.AllocationEndsAt,
            }).ToList();
        var names = live.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var gone = stored.Values.Where(a => !names.Contains(a.Name)).Select(FromStore);
        return [.. live, .. gone.OrderBy(a => a.Name, StringComparer.Ordinal)];
    }

    private static AgentDto FromStore(AgentRecord a) => new()
    {
        Name = a.Name,
        Host = a.Host,
        State = "DOWN",
        SlotsTotal = a.Slots,
        Cores = a.Cores,
        MemoryBytes = a.MemoryBytes,
        Gpus = a.Gpus,
        Labels = a.Labels,
        LastHeartbeat = a.LastSeen,
        ConnectedAt = a.ConnectedAt,
    };
}
