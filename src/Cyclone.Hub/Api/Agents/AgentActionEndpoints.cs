using Cyclone.Core.Tasks;
using Cyclone.Hub.Scheduling;
using Cyclone.Hub.Security;
using Cyclone.Protocol.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cyclone.Hub.Api.Agents;

/// <summary>
/// One agent by name: <c>/api/v1/agents/{name}/drain|resume|cancel|shutdown</c> (administrators) and what it runs
/// (<c>/tasks</c>) and its load over time (<c>/load</c>).
/// </summary>
public static class AgentActionEndpoints
{
    public static RouteGroupBuilder MapAgentActionEndpoints(this RouteGroupBuilder api)
    {
        var agent = api.MapGroup("/agents/{name}").WithTags("Cluster");
        agent.MapPost("/drain", DrainAsync).RequireAuthorization(AccessPolicies.Admin)
            .WithSummary("Lease no new tasks to the agent; its running tasks finish (administrators). Lasts until resumed or until the agent reconnects.");
        agent.MapPost("/resume", ResumeAsync).RequireAuthorization(AccessPolicies.Admin).WithSummary("Lease tasks to a drained agent again (administrators).");
        agent.MapPost("/cancel", CancelAsync).RequireAuthorization(AccessPolicies.Admin).WithSummary("Cancel every task running on the agent (administrators).");
        agent.MapPost("/shutdown", ShutdownAsync).RequireAuthorization(AccessPolicies.Admin)
            .WithSummary("Ask the agent to leave: it stops as on SIGTERM and hands its work back (administrators).");
        agent.MapGet("/tasks", TasksAsync).WithSummary("The tasks the agent holds now (running, or leased and about to start).");
        agent.MapGet("/load", Load).WithSummary("The agent's slots busy over the last minutes, one sample per interval.");
        return api;
    }

    internal static async Task<Results<Ok<CountDto>, ProblemHttpResult>> DrainAsync(string name, SchedulerLoop loop, CancellationToken ct) =>
        await loop.DrainAgentAsync(name, ct)
            ? TypedResults.Ok(new CountDto(1, $"agent {name} drained: it gets no new tasks; its running tasks finish; it stays drained until resumed"))
            : NotConnected(name);

    internal static async Task<Results<Ok<CountDto>, ProblemHttpResult>> ResumeAsync(string name, SchedulerLoop loop, CancellationToken ct)
    {
        var problem = await loop.ResumeAgentAsync(name, ct);
        if (problem is null)
        {
            return TypedResults.Ok(new CountDto(1, $"agent {name} resumed: it gets new tasks again"));
        }

        return loop.View.Agents.Any(a => a.Name == name && a.State != "DOWN")
            ? TypedResults.Problem(title: "Agent cannot be resumed", detail: problem, statusCode: StatusCodes.Status409Conflict)
            : NotConnected(name);
    }

    internal static async Task<Results<Ok<CountDto>, ProblemHttpResult>> CancelAsync(string name, SchedulerLoop loop, CancellationToken ct)
    {
        if (!IsKnown(loop, name))
        {
            return NotConnected(name);
        }

        var n = await loop.CancelMatchingAsync(t => t.State == TaskState.Running && t.PartAgents.Contains(name), $"cancelled on agent {name} by request", ct);
        return TypedResults.Ok(new CountDto(n, $"{n} task(s) running on {name} cancelled"));
    }

    internal static async Task<Results<Ok<CountDto>, ProblemHttpResult>> ShutdownAsync(string name, SchedulerLoop loop, CancellationToken ct) =>
        await loop.RetireAsync(name, "shutdown requested through the API", ct)
            ? TypedResults.Ok(new CountDto(1, $"agent {name} asked to shut down"))
            : NotConnected(name);

    internal static async Task<Results<Ok<List<AgentTaskDto>>, ProblemHttpResult>> TasksAsync(string name, SchedulerLoop loop, CancellationToken ct)
    {
        if (!IsKnown(loop, name))
        {
            return NotConnected(name);
        }

        var parts = await loop.ReadStateAsync(
            s => s.PartsOf(name).Select(p => new AgentTaskDto(p.Task.Id, p.Task.JobId, p.Task.Attempt, p.Node, p.Task.State.ToWire(), p.Task.StartedAt)).ToList(), ct);
        return TypedResults.Ok(parts);
    }

    internal static Results<Ok<AgentLoadDto>, ProblemHttpResult> Load(string name, AgentLoadHistory history, SchedulerLoop loop) =>
        IsKnown(loop, name) ? TypedResults.Ok(history.Of(name, loop.View)) : NotConnected(name);

    private static bool IsKnown(SchedulerLoop loop, string name) => loop.View.Agents.Any(a => a.Name == name);

    private static ProblemHttpResult NotConnected(string name) =>
        TypedResults.Problem(title: "No such agent", detail: $"no agent named '{name}' is connected", statusCode: StatusCodes.Status404NotFound);
}
