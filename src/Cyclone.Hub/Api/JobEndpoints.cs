using Cyclone.Core.Parsing;
using Cyclone.Core.Resources;
using Cyclone.Core.Tasks;
using System.Security.Claims;
using Cyclone.Hub.Scheduling;
using Cyclone.Hub.Security;
using Cyclone.Hub.Workflows.Kinds;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cyclone.Hub.Api;

/// <summary><c>/api/v1/jobs</c>: submit, list, read, cancel, and read output.</summary>
public static class JobEndpoints
{
    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/jobs").WithTags("Jobs");
        jobs.MapPost("/", SubmitAsync).WithSummary("Submit a job; answers once it is durable.");
        jobs.MapGet("/", ListAsync).WithSummary("List jobs, newest first; ?sort=id|name|user|state|submitted|started|ended and ?order=asc|desc (ties by id); ?state=, ?user=, ?q= (an id, a user, the start of a name, or label:NAME), ?offset=, ?limit=.");
        jobs.MapGet("/{id:long}", GetAsync).WithSummary("One job with its tasks (?tasks=false: without); ?wait=30s answers once the job has ended or the time has passed.");
        jobs.MapPost("/{id:long}/cancel", CancelAsync).WithSummary("Cancel a job (or with ?task=N one task or array element): pending tasks end, running ones are killed.");
        jobs.MapGet("/{id:long}/output", OutputAsync).WithSummary("Output of a job's processes after a sequence number.");
        return api;
    }

    internal static async Task<Results<Created<SubmitJobResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        SubmitJobRequest request, ClaimsPrincipal principal, SchedulerLoop loop, IStore store, HubKindCatalog kinds, TimeProvider time, CancellationToken ct)
    {
        var job = JobSubmissionValidator.Validate(request, Caller.Of(principal).Name, time.GetUtcNow(), out var errors, out var dependencies, kinds);
        if (job is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The job is not valid");
        }

        if (dependencies.Count > 0)
        {
            var resolved = await JobDependencies.ResolveAsync(store, dependencies, ct);
            if (resolved.Error is { } depError)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["dependency"] = [depError] }, title: "The job is not valid");
            }

            job = job with { Tasks = [.. job.Tasks.Select(t => t with { Dependencies = resolved.Dependencies })] };
        }

        var task = job.Tasks[0];
        if (!request.Defer && WhyUnsatisfiable(loop.View, task.Demand, task.Nodes) is { } why)
        {
            return TypedResults.Problem(
                title: "The cluster cannot run this job",
                detail: $"{why}. Start more agents, ask for less, or submit with --defer to wait for agents that can.",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var stored = await loop.SubmitAsync(job, ct);
        return TypedResults.Created($"/api/v1/jobs/{stored.JobId}", new SubmitJobResponse(stored.JobId, stored.TaskIds));
    }

    internal static async Task<Results<Ok<PageDto<JobDto>>, ProblemHttpResult>> ListAsync(
        IStore store, JobTotals totals, TimeProvider time, CancellationToken ct, string? state = null, string? user = null, int offset = 0, int limit = 100, string? q = null, string? sort = null, string? order = null)
    {
        if (!StateFilter.TryParse(state, out var states, out var error))
        {
            return BadQuery("state", error);
        }

        if (!JobSortParameter.TryParse(sort, order, out var sortBy, out var ascending, out var badParameter, out var sortError))
        {
            return BadQuery(badParameter, sortError);
        }

        if (q is { Length: > 200 })
        {
            return BadQuery("q", "q must be at most 200 characters");
        }

        if (q?.Trim() == "label:")
        {
            return BadQuery("q", "label: must be followed by a label name, as in q=label:gpu");
        }

        if (offset < 0 || limit is < 1 or > 1000)
        {
            return BadQuery("limit", "offset must be >= 0 and limit between 1 and 1000");
        }

        var query = new JobQuery(states, user, offset, limit) { Search = q, SortBy = sortBy, Ascending = ascending };
        var known = totals.Get(query);
        var started = time.GetTimestamp();
        var page = await store.QueryJobsAsync(query with { CountTotal = known is null }, ct);
        if (known is null)
        {
            totals.Counted(query, page.Total, time.GetElapsedTime(started));
        }

        return TypedResults.Ok(new PageDto<JobDto>(page.Items.Select(j => j.ToDto()).ToList(), known ?? page.Total, offset, limit));
    }

    /// <summary>Longest <c>?wait=</c> a caller may ask for.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    internal static async Task<Results<Ok<JobDto>, ProblemHttpResult>> GetAsync(
        long id, ClaimsPrincipal principal, IStore store, SchedulerLoop loop, TimeProvider time, CancellationToken ct, string? wait = null, bool tasks = true)
    {
        var patience = TimeSpan.Zero;
        if (wait is not null && (!DurationParser.TryParse(wait, out patience) || patience < TimeSpan.Zero || patience > MaxWait))
        {
            return BadQuery("wait", $"wait '{Excerpt.Of(wait)}' must be a duration such as 30s or 2m, at most {MaxWait.TotalMinutes:0} minutes");
        }

        var job = await WaitForEndAsync(id, store, loop, time, patience, ct);
        if (job is null)
        {
            return NoSuchJob(id);
        }

        return TypedResults.Ok(job.ToDto(tasks ? await store.GetTasksOfJobAsync(id, ct) : null, Caller.Of(principal)));
    }

    /// <summary>The job once it has ended or <paramref name="patience"/> has passed, whichever comes first; null when there is no such job.</summary>
    private static async Task<JobRecord?> WaitForEndAsync(long id, IStore store, SchedulerLoop loop, TimeProvider time, TimeSpan patience, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(patience, time);
        while (true)
        {
            var change = loop.JobEnds.NextChange(id);
            var job = await store.GetJobAsync(id, ct);
            if (job is null || job.State.IsFinal() || timeout.IsCancellationRequested)
            {
                return job;
            }

            try
            {
                await change.WaitAsync(timeout.Token).WaitAsync(ct);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                // patience ran out: answer the job as it is
            }
        }
    }

    internal static async Task<Results<Ok<JobDto>, ProblemHttpResult>> CancelAsync(
        long id, ClaimsPrincipal principal, IStore store, SchedulerLoop loop, CancellationToken ct, int? task = null)
    {
        var job = await store.GetJobAsync(id, ct);
        if (job is null)
        {
            return NoSuchJob(id);
        }

        var caller = Caller.Of(principal);
        EnsureOwner(caller, job, "cancel");

        if (!job.State.IsFinal())
        {
            var tasks = await store.GetTasksOfJobAsync(id, ct);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (task is not null && tasks.All(t => t.Index != task))
            {
                return TypedResults.Problem(title: "No such task", detail: $"job {id} has no task (array element) {task}", statusCode: StatusCodes.Status404NotFound);
            }

            var targets = tasks.Where(t => !t.State.IsFinal() && (task is null || t.Index == task)).Select(t => t.Id).ToList();
            loop.Post(new CancelCommand(targets, task is null ? "cancelled by request" : $"element {task} cancelled by request", done));
            await done.Task.WaitAsync(ct);
        }

        var after = await store.GetJobAsync(id, ct);
        return TypedResults.Ok(after!.ToDto(await store.GetTasksOfJobAsync(id, ct), caller));
    }

    internal static async Task<Results<Ok<OutputPageDto>, ProblemHttpResult>> OutputAsync(
        long id, ClaimsPrincipal principal, IStore store, CancellationToken ct, int? task = null, int? rank = null, long after = 0, int limit = 1000)
    {
        if (limit is < 1 or > 10_000)
        {
            return BadQuery("limit", "limit must be between 1 and 10000");
        }

        var job = await store.GetJobAsync(id, ct);
        if (job is null)
        {
            return NoSuchJob(id);
        }

        EnsureOwner(Caller.Of(principal), job, "read the output of");
        var chunks = await store.ReadOutputAsync(id, task, rank, after, limit, ct);
        var next = chunks.Count > 0 ? chunks[^1].Seq : after;
        return TypedResults.Ok(new OutputPageDto(chunks.Select(c => c.ToDto()).ToList(), next, job.State.IsFinal()));
    }

    private static string? WhyUnsatisfiable(ClusterView view, NodeDemand demand, int nodes)
    {
        var usable = view.Agents.Where(a => a.State == "UP").Select(a => (a.Total, a.Labels)).ToList();
        return usable.Count == 0 ? null : Placement.WhyUnsatisfiable(demand, nodes, usable);
    }

    /// <summary>Throws <see cref="NotOwnerException"/> (answered 403) unless the caller owns the job or is an administrator.</summary>
    internal static void EnsureOwner(Caller caller, JobRecord job, string action)
    {
        if (!caller.Owns(job.User))
        {
            throw new NotOwnerException($"job {job.Id} belongs to {job.User}; only its owner or an administrator may {action} it");
        }
    }

    internal static ProblemHttpResult NoSuchJob(long id) =>
        TypedResults.Problem(title: "No such job", detail: $"there is no job {id}", statusCode: StatusCodes.Status404NotFound);

    internal static ProblemHttpResult BadQuery(string parameter, string detail) =>
        TypedResults.Problem(title: $"Invalid query parameter '{parameter}'", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
