using Cyclone.Core.Estimates;
using Cyclone.Core.Tasks;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cyclone.Hub.Api.Estimates;

/// <summary><c>GET /api/v1/runs/{id}/estimate</c>: estimated start and finish of a run and of each of its tasks.</summary>
public static class EstimateEndpoints
{
    public static RouteGroupBuilder MapEstimateEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/runs/{id:long}/estimate", EstimateAsync).WithTags("Workflows")
            .WithSummary("Estimated start and finish of a run (any job) and of each task, from durations of the same tasks in the last 20 similar runs.");
        return api;
    }

    internal static async Task<Results<Ok<RunEstimateDto>, ProblemHttpResult>> EstimateAsync(long id, IStore store, TimeProvider time, CancellationToken ct)
    {
        var job = await store.GetJobAsync(id, ct);
        if (job is null)
        {
            return JobEndpoints.NoSuchJob(id);
        }

        var tasks = await store.GetTasksOfJobAsync(id, ct);
        var indexOf = tasks.ToDictionary(t => t.Id, t => t.Index);
        var upstream = (await store.GetDependenciesOfJobAsync(id, ct))
            .Where(d => indexOf.ContainsKey(d.UpstreamId))
            .ToLookup(d => d.TaskId, d => indexOf[d.UpstreamId]);
        var history = new DurationHistory();
        foreach (var past in await store.GetPastDurationsAsync(new PastDurationQuery(id, job.Workflow, job.Name, job.User), ct))
        {
            history.Add(past.Name, past.Duration);
        }

        var now = time.GetUtcNow();
        var inputs = tasks.Select(t => new EstimateInput(t.Index, t.Name, t.State, t.StartedAt, t.EndedAt, upstream[t.Id].ToList())).ToList();
        var estimate = RunEstimator.Estimate(inputs, history, now);
        return TypedResults.Ok(new RunEstimateDto
        {
            RunId = id,
            State = job.State.ToWire(),
            At = now,
            EstimatedStart = estimate.Start,
            EstimatedFinish = estimate.Finish,
            Complete = estimate.Complete,
            UnknownTasks = estimate.UnknownTasks,
            Tasks = [.. tasks.Zip(estimate.Tasks, (t, e) => new TaskEstimateDto
            {
                Index = t.Index,
                Name = t.Name,
                State = t.State.ToWire(),
                Basis = e.Basis switch { EstimateBasis.Actual => "actual", EstimateBasis.History => "history", _ => "unknown" },
                Samples = e.Samples,
                TypicalSeconds = e.Typical?.TotalSeconds,
                EstimatedStart = e.Start,
                EstimatedFinish = e.Finish,
                StartedAt = t.StartedAt,
                EndedAt = t.EndedAt,
            })],
        });
    }
}
