using System.Security.Claims;
using Cyclone.Core.Tasks;
using Cyclone.Hub.Security;
using Cyclone.Hub.Scheduling;
using Cyclone.Hub.Workflows.Versions;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cyclone.Hub.Api.Workflows;

public static partial class WorkflowEndpoints
{
    internal static async Task<Ok<RunStatusDto>> RunStatusAsync(long id, IStore store, ClaimsPrincipal principal, CancellationToken ct)
    {
        var viewer = Caller.Of(principal);
        var job = await store.GetJobAsync(id, ct) ?? throw new KeyNotFoundException($"there is no run {id}");
        var tasks = await store.GetTasksOfJobAsync(id, ct);
        return TypedResults.Ok(new RunStatusDto
        {
            RunId = id,
            Workflow = job.Workflow,
            Commit = job.WorkflowCommit,
            State = job.State.ToWire(),
            Counts = tasks.GroupBy(t => t.State).ToDictionary(g => g.Key.ToWire(), g => g.Count(), StringComparer.Ordinal),
            Job = job.ToDto(null, viewer),
            Nodes = tasks.Select(t => t.ToDto(viewer)).ToList(),
        });
    }

    internal static async Task<Ok<RunStatusDto>> CancelRunAsync(long id, IStore store, SchedulerLoop loop, ClaimsPrincipal principal, CancellationToken ct)
    {
        var job = await EnsureRunOwnerAsync(id, store, Caller.Of(principal), "cancel", ct);
        if (!job.State.IsFinal())
        {
            var active = (await store.GetTasksOfJobAsync(id, ct)).Where(t => !t.State.IsFinal()).Select(t => t.Id).ToList();
            await loop.CancelAsync(active, $"run {id} cancelled by request", ct);
        }

        return await RunStatusAsync(id, store, principal, ct);
    }

    private static async Task<JobRecord> EnsureRunOwnerAsync(long id, IStore store, Caller caller, string action, CancellationToken ct)
    {
        var job = await store.GetJobAsync(id, ct) ?? throw new KeyNotFoundException($"there is no run {id}");
        if (!caller.Owns(job.User))
        {
            throw new NotOwnerException($"run {id} belongs to {job.User}; only its owner or an administrator may {action} it");
        }

        return job;
    }

    internal static async Task<Ok<PageDto<JobDto>>> RunsOfAsync(string name, IStore store, CancellationToken ct, int offset = 0, int limit = 100)
    {
        limit = Math.Clamp(limit, 1, 1000);
        offset = Math.Max(0, offset);
        var page = await store.QueryJobsAsync(new JobQuery([], null, offset, limit) { Workflow = name }, ct);
        return TypedResults.Ok(new PageDto<JobDto>(page.Items.Select(j => j.ToDto()).ToList(), page.Total, offset, limit));
    }

    private static WorkflowVersionDto ToDto(this WorkflowVersion v) => new(v.Name, v.Commit, v.Author, v.When, v.Message, v.Format, v.Deleted);
}
