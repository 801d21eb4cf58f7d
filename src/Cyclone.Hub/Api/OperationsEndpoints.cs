using System.Security.Claims;
using Cyclone.Core.Tasks;
using Cyclone.Hub.Security;
using Cyclone.Hub.Hosting;
using Cyclone.Hub.Scheduling;
using Cyclone.Hub.Workflows;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Cyclone.Hub.Api;

/// <summary><c>/api/v1/status</c>, <c>/queue/status|clear</c>, <c>/runners/status|cancel|shutdown</c>, <c>/admin/cancel_all|shutdown</c>.</summary>
public static class OperationsEndpoints
{
    public static RouteGroupBuilder MapOperationsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/status", StatusAsync).WithTags("Operations").WithSummary("The hub at a glance.");
        var queue = api.MapGroup("/queue").WithTags("Operations");
        queue.MapGet("/status", QueueStatusAsync).WithSummary("Blocked, pending and running tasks in dispatch order, with counts.");
        queue.MapPost("/clear", ClearQueueAsync).WithSummary("Cancel your tasks that wait (blocked or pending; administrators: everyone's); running ones go on.");
        var runners = api.MapGroup("/runners").WithTags("Operations");
        runners.MapGet("/status", (SchedulerLoop loop, IStore store, CancellationToken ct) => ClusterEndpoints.AgentsAsync(loop, store, ct))
            .WithSummary("Every runner (agent), live ones first. Same as GET /agents.");
        runners.MapPost("/cancel", CancelRunnerWorkAsync).RequireAuthorization(AccessPolicies.Admin).WithSummary("Cancel the tasks running on runner ?name= (administrators).");
        runners.MapPost("/shutdown", ShutdownRunnerAsync).RequireAuthorization(AccessPolicies.Admin).WithSummary("Ask runner ?name= to leave: it stops as on SIGTERM (administrators).");
        var admin = api.MapGroup("/admin").WithTags("Operations").RequireAuthorization(AccessPolicies.Admin);
        admin.MapPost("/cancel_all", CancelAllAsync).WithSummary("Cancel every task that has not ended.");
        admin.MapPost("/shutdown", Shutdown).WithSummary("Stop the hub gracefully (agents keep their work and reconnect when it is back).");
        return api;
    }

    internal static async Task<Ok<HubStatusDto>> StatusAsync(
        SchedulerLoop loop, IStore store, WorkflowService workflows, HubEndpointInfo info, StoreOptions storeOptions, TimeProvider time, CancellationToken ct)
    {
        var view = loop.View;
        var jobs = await store.CountJobsByStateAsync(ct);
        var tasks = await store.CountTasksByStateAsync(ct);
        var timers = await store.ListTimersAsync(activeOnly: true, ct);
        var started = info.StartedAt;
        return TypedResults.Ok(new HubStatusDto(
            HubEndpointInfo.Version, started, (time.GetUtcNow() - started).TotalSeconds,
            view.Agents.Count(a => a.State == "UP"), (await store.ListAgentsAsync(ct)).Count,
            jobs.ToDictionary(p => p.Key.ToWire(), p => p.Value), tasks.ToDictionary(p => p.Key.ToWire(), p => p.Value),
            workflows.List().Count, timers.Count, Path.GetFullPath(storeOptions.DataDirectory)));
    }

    internal static async Task<Ok<PageDto<TaskDto>>> QueueStatusAsync(IStore store, ClaimsPrincipal principal, CancellationToken ct, int offset = 0, int limit = 100)
    {
        limit = Math.Clamp(limit, 1, 1000);
        offset = Math.Max(0, offset);
        var page = await store.QueryTasksAsync(new TaskQuery([TaskState.Blocked, TaskState.Pending, TaskState.Running], null, null, offset, limit), ct);
        var viewer = Caller.Of(principal);
        return TypedResults.Ok(new PageDto<TaskDto>(page.Items.Select(t => t.ToDto(viewer)).ToList(), page.Total, offset, limit));
    }

    internal static async Task<Ok<CountDto>> ClearQueueAsync(SchedulerLoop loop, ClaimsPrincipal principal, CancellationToken ct)
    {
        var caller = Caller.Of(principal);
        if (caller.IsAdmin)
        {
            var all = await loop.CancelMatchingAsync(t => t.State is TaskState.Blocked or TaskState.Pending, $"queue cleared by {caller.Name}", ct);
            return TypedResults.Ok(new CountDto(all, $"{all} waiting task(s) cancelled"));
        }

        var n = await loop.CancelMatchingAsync(
            t => t.State is TaskState.Blocked or TaskState.Pending && string.Equals(t.User, caller.Name, StringComparison.Ordinal),
            $"queue cleared by {caller.Name}", ct);
        return TypedResults.Ok(new CountDto(n, $"{n} of your waiting task(s) cancelled"));
    }

    internal static async Task<Ok<CountDto>> CancelAllAsync(SchedulerLoop loop, CancellationToken ct)
    {
        var n = await loop.CancelMatchingAsync(_ => true, "all work cancelled by an administrator", ct);
        return TypedResults.Ok(new CountDto(n, $"{n} task(s) cancelled"));
    }

    internal static async Task<Ok<CountDto>> CancelRunnerWorkAsync(string name, SchedulerLoop loop, CancellationToken ct)
    {
        var n = await loop.CancelMatchingAsync(t => t.State == TaskState.Running && t.PartAgents.Contains(name), $"cancelled on runner {name} by request", ct);
        return TypedResults.Ok(new CountDto(n, $"{n} task(s) running on {name} cancelled"));
    }

    internal static async Task<Results<Ok<CountDto>, ProblemHttpResult>> ShutdownRunnerAsync(string name, SchedulerLoop loop, CancellationToken ct) =>
        await loop.RetireAsync(name, "shutdown requested through the API", ct)
            ? TypedResults.Ok(new CountDto(1, $"runner {name} asked to shut down"))
            : TypedResults.Problem(title: "No such runner", detail: $"no runner named '{name}' is connected", statusCode: StatusCodes.Status404NotFound);

    internal static Accepted<CountDto> Shutdown(IHostApplicationLifetime lifetime)
    {
        _ = Task.Run(async () =>
        {
            await Task.Delay(200); // let the answer reach the caller first
            lifetime.StopApplication();
        });
        return TypedResults.Accepted("/healthz", new CountDto(0, "the hub is shutting down"));
    }
}
