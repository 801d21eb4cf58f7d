using System.Security.Claims;
using System.Text.Json.Nodes;
using Cyclone.Hub.Scheduling;
using Cyclone.Hub.Security;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cyclone.Hub.Api.Pull;

/// <summary>
/// The pull API under <c>/api/v1/tasks</c>: a worker in any language leases tasks, renews its leases, and reports how
/// they ended, singly or in batches. A worker is known by its caller and its name; its attempts go back to the queue
/// when it makes no call for its lease time, exactly as an agent's do when it stops sending heartbeats.
/// </summary>
public static partial class PullEndpoints
{
    public static RouteGroupBuilder MapPullEndpoints(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Pull workers").RequireAuthorization(AccessPolicies.AnyToken);
        tasks.MapPost("/lease", LeaseAsync)
            .WithSummary("Lease up to max ready single-node tasks to a worker (users: their own tasks; agents and administrators: anyone's); waitSeconds long-polls until one is leased.");
        foreach (var action in Enum.GetValues<PullAction>())
        {
            var verb = PullValidation.Verb(action);
            tasks.MapPost($"/{{id:long}}/{verb}", OneHandler(action)).WithSummary(Summaries[action]);
            tasks.MapPost($"/{verb}", BatchHandler(action)).WithSummary($"Batched {verb}: {{\"tasks\": [{{\"id\", \"attempt\", ...}}]}}, answered per task (200, 404 or 409).");
        }

        return api;
    }

    private static readonly Dictionary<PullAction, string> Summaries = new()
    {
        [PullAction.Heartbeat] = "Renew the lease of an attempt the worker holds (and all its other leases).",
        [PullAction.Complete] = "Report that an attempt ended: exitCode 0 (default) completes the task with its outputs; non-zero fails it, retried as for agents.",
        [PullAction.Fail] = "Report that an attempt failed (exitCode, default 1, and a message); retried as for agents while retries are left.",
        [PullAction.Release] = "Hand an attempt back unfinished: the task goes back to the queue; that is no failure.",
    };

    internal static async Task<Results<Ok<TaskLeaseResponse>, ValidationProblem>> LeaseAsync(
        TaskLeaseRequest? request, ClaimsPrincipal principal, SchedulerLoop loop, IStore store, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (PullValidation.Lease(request ?? new TaskLeaseRequest(), Caller.Of(principal), errors) is not { } order)
        {
            return TypedResults.ValidationProblem(errors, title: "The lease request is not valid");
        }

        var deadline = time.GetUtcNow() + order.Wait;
        while (true)
        {
            // taken before asking, so that tasks made ready while the ask is handled wake this wait
            var change = loop.ReadyTasks.NextChange();
            var leased = await loop.PullAsync(order.Ask, ct);
            var left = deadline - time.GetUtcNow();
            if (leased.Count > 0 || left <= TimeSpan.Zero)
            {
                return TypedResults.Ok(new TaskLeaseResponse(await DescribeAsync(leased, order.LeaseSeconds, store, ct)));
            }

            try
            {
                await change.WaitAsync(left, time, ct);
            }
            catch (TimeoutException)
            {
                // the wait is over: one last ask, then answer what there is
            }
        }
    }

    /// <summary>What each leased task runs, read from the store as an agent's lease is.</summary>
    private static async Task<IReadOnlyList<LeasedTaskDto>> DescribeAsync(IReadOnlyList<PulledTask> leased, int leaseSeconds, IStore store, CancellationToken ct)
    {
        if (leased.Count == 0)
        {
            return [];
        }

        var contents = await LeaseContent.LoadAsync(store, leased.Select(t => t.Grant).ToList(), ct);
        var tasks = new List<LeasedTaskDto>(leased.Count);
        foreach (var (grant, timeLimit) in leased)
        {
            if (!contents.TryGetValue(grant.TaskId, out var content))
            {
                continue;
            }

            var payload = content.Payload;
            var environment = new Dictionary<string, string>(payload.Environment ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var (name, value) in content.ExtraEnvironment)
            {
                environment[name] = value;
            }

            tasks.Add(new LeasedTaskDto
            {
                Id = grant.TaskId,
                JobId = grant.JobId,
                Attempt = grant.Attempt,
                Index = payload.TaskIndex,
                Name = payload.Name,
                Command = content.Command,
                Kind = content.Kind,
                Inputs = content.InputsJson is null ? null : JsonNode.Parse(content.InputsJson) as JsonObject,
                Environment = environment,
                WorkingDirectory = payload.WorkingDirectory,
                TimeLimitSeconds = timeLimit?.TotalSeconds,
                LeaseSeconds = leaseSeconds,
            });
        }

        return tasks;
    }
}
