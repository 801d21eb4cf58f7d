using System.Security.Claims;
using Cyclone.Core.Tasks;
using Cyclone.Hub.Scheduling;
using Cyclone.Hub.Security;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cyclone.Hub.Api;

/// <summary><c>POST /api/v1/jobs/{id}/retry</c>: a finished job's failed, timed-out, cancelled and upstream-failed tasks run again.</summary>
public static class JobRetryEndpoint
{
    private static readonly SemaphoreSlim Serial = new(1, 1);

    public static RouteGroupBuilder MapJobRetryEndpoint(this RouteGroupBuilder api)
    {
        api.MapPost("/jobs/{id:long}/retry", RetryAsync).WithTags("Jobs")
            .WithSummary("Retry a job that has ended: its tasks that did not complete go back to the queue as new attempts (owner or administrator).");
        return api;
    }

    internal static async Task<Results<Ok<JobDto>, ProblemHttpResult>> RetryAsync(
        long id, ClaimsPrincipal principal, IStore store, SchedulerLoop loop, CancellationToken ct)
    {
        var job = await store.GetJobAsync(id, ct);
        if (job is null)
        {
            return JobEndpoints.NoSuchJob(id);
        }

        var caller = Caller.Of(principal);
        JobEndpoints.EnsureOwner(caller, job, "retry");
        // one retry at a time: a retry reads the tasks' ended states and attempts, which only a retry can make stale
        await Serial.WaitAsync(ct);
        try
        {
            var problem = await RequeueAsync(id, store, loop, ct);
            if (problem is not null)
            {
                return problem;
            }
        }
        finally
        {
            Serial.Release();
        }

        var after = await store.GetJobAsync(id, ct);
        return TypedResults.Ok(after!.ToDto(await store.GetTasksOfJobAsync(id, ct), caller));
    }

    /// <summary>Puts the ended job's unsuccessful tasks back; a problem when it has not ended or has none.</summary>
    private static async Task<ProblemHttpResult?> RequeueAsync(long id, IStore store, SchedulerLoop loop, CancellationToken ct)
    {
        var state = (await store.GetJobAsync(id, ct))!.State;
        if (!state.IsFinal())
        {
            return Conflict("Job still running", $"job {id} is {state.ToWire()}: a job can be retried once it has ended (cancel it first to retry it now)");
        }

        var ended = await store.LoadUnsuccessfulTasksOfJobAsync(id, ct);
        if (ended.Count == 0)
        {
            return Conflict("Nothing to retry", $"every task of job {id} completed");
        }

        var inSet = ended.Select(r => r.Id).ToHashSet();
        var upstream = ended.SelectMany(r => r.Dependencies).Select(d => d.UpstreamId).Where(u => !inSet.Contains(u)).Distinct().ToList();
        var known = await store.GetTaskStatesAsync(upstream, ct);
        return await loop.RequeueAsync(RequeuedTasks.From(ended), known, ct) == 0
            ? Conflict("Nothing to retry", $"the tasks of job {id} are in the queue already")
            : null;
    }

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);
}
