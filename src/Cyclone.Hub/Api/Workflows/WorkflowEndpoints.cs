using Cyclone.Core.Workflows.Native;
using System.Security.Claims;
using Cyclone.Hub.Security;
using Cyclone.Hub.Workflows;
using Cyclone.Storage.Contract;
using Cyclone.Hub.Workflows.Versions;
using Cyclone.Protocol.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Cyclone.Hub.Api.Workflows;

/// <summary>
/// Workflows as resources (<c>/api/v1/workflows/{name}</c>, <c>/api/v1/runs/{id}</c>) and the same
/// operations under the names users know (<c>/api/v1/workflow/get</c>, <c>publish</c>, <c>execute</c>,
/// <c>cancel</c>, <c>status</c>, <c>history</c>, <c>delete</c>), documented as aliases.
/// </summary>
public static partial class WorkflowEndpoints
{
    /// <summary>Largest workflow file accepted.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    public static RouteGroupBuilder MapWorkflowEndpoints(this RouteGroupBuilder api)
    {
        var resources = api.MapGroup("/workflows").WithTags("Workflows");
        resources.MapGet("/", (WorkflowService s) => TypedResults.Ok(s.List())).WithSummary("Names of the stored workflows.");
        resources.MapPut("/{name}", PublishAsync).WithSummary("Publish a new version (the body is the file); validated before anything is stored.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes));
        resources.MapGet("/{name}", GetFile).WithSummary("The file of a version (?revision=COMMIT; the newest without).");
        resources.MapDelete("/{name}", DeleteAsync).WithSummary("Delete a workflow (its history stays).");
        resources.MapGet("/{name}/history", History).WithSummary("Versions, newest first, with author, time and message.");
        resources.MapPost("/{name}/runs", ExecuteAsync).WithSummary("Run a version (?revision=COMMIT; the newest without).");
        resources.MapGet("/{name}/runs", RunsOfAsync).WithSummary("Runs of a workflow, newest first.");

        var runs = api.MapGroup("/runs").WithTags("Workflows");
        runs.MapPost("/", SubmitFileAsync).WithSummary("Run a workflow file (the body; ?format=native|nodeworks, ?name=) once, validated, without storing a version.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes));
        runs.MapGet("/{id:long}", RunStatusAsync).WithSummary("Where a run stands: each node's state, outputs, exit code.");
        runs.MapPost("/{id:long}/cancel", CancelRunAsync).WithSummary("Cancel a run: its pending and running nodes end CANCELLED.");
        runs.MapGet("/{id:long}/file", RunFileAsync).WithSummary("The file a run executed, with output values filled in from the run (Nodeworks).");

        var alias = api.MapGroup("/workflow").WithTags("Workflows (aliases)");
        alias.MapGet("/schema", () => TypedResults.Text(NativeWorkflowSchema.Json, "application/schema+json")).WithSummary("JSON Schema of the native workflow format.");
        alias.MapPost("/publish", (HttpRequest r, WorkflowService s, ClaimsPrincipal p, string name, string? format, string? message, CancellationToken ct) => PublishAsync(name, r, s, p, format, message, ct))
            .WithSummary("Alias of PUT /workflows/{name}.").WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes));
        alias.MapGet("/get", (WorkflowService s, IStore store, ClaimsPrincipal p, string name, string? revision, long? run, CancellationToken ct) => GetOrRunFileAsync(s, store, p, name, revision, run, ct))
            .WithSummary("Alias of GET /workflows/{name} (?run=ID: GET /runs/{id}/file).");
        alias.MapPost("/execute", (WorkflowService s, ClaimsPrincipal p, string name, string? revision, CancellationToken ct) => ExecuteAsync(name, s, p, revision, ct))
            .WithSummary("Alias of POST /workflows/{name}/runs.");
        alias.MapPost("/cancel", (long run, IStore store, Scheduling.SchedulerLoop loop, ClaimsPrincipal p, CancellationToken ct) => CancelRunAsync(run, store, loop, p, ct))
            .WithSummary("Alias of POST /runs/{id}/cancel.");
        alias.MapGet("/status", (long run, IStore store, ClaimsPrincipal p, CancellationToken ct) => RunStatusAsync(run, store, p, ct))
            .WithSummary("Alias of GET /runs/{id}.");
        alias.MapGet("/history", (WorkflowService s, string name, int? limit) => History(name, s, limit)).WithSummary("Alias of GET /workflows/{name}/history.");
        alias.MapDelete("/delete", (WorkflowService s, ClaimsPrincipal p, string name, CancellationToken ct) => DeleteAsync(name, s, p, ct))
            .WithSummary("Alias of DELETE /workflows/{name}.");
        alias.MapPost("/submit", SubmitTaskFileAsync).WithSummary("Run a plain task file (one task per line) at once, without storing a version.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes));
        return api;
    }

    internal static async Task<Created<WorkflowVersionDto>> PublishAsync(
        string name, HttpRequest request, WorkflowService service, ClaimsPrincipal principal, string? format, string? message, CancellationToken ct)
    {
        var caller = Caller.Of(principal);
        EnsureOwner(service, name, caller, "publish a new version of");
        var content = await ReadBodyAsync(request, ct);
        var version = await service.PublishAsync(name, format, null, content, caller.Name, message, ct);
        return TypedResults.Created($"/api/v1/workflows/{name}?revision={version.Commit}", version.ToDto());
    }

    internal static IResult GetFile(string name, WorkflowService service, string? revision)
    {
        var stored = service.Get(name, revision);
        return FileResult(stored, stored.Content);
    }

    internal static async Task<IResult> GetOrRunFileAsync(
        WorkflowService service, IStore store, ClaimsPrincipal principal, string name, string? revision, long? run, CancellationToken ct)
    {
        if (run is { } id)
        {
            return await RunFileAsync(id, service, store, principal, ct);
        }

        return GetFile(name, service, revision);
    }

    internal static async Task<IResult> RunFileAsync(long id, WorkflowService service, IStore store, ClaimsPrincipal principal, CancellationToken ct)
    {
        await EnsureRunOwnerAsync(id, store, Caller.Of(principal), "read the results of", ct);
        var (stored, content) = await service.RunFileAsync(id, ct);
        return FileResult(stored, content);
    }

    internal static Ok<List<WorkflowVersionDto>> History(string name, WorkflowService service, int? limit) =>
        TypedResults.Ok(service.History(name, Math.Clamp(limit ?? 100, 1, 10_000)).Select(v => v.ToDto()).ToList());

    internal static async Task<Ok<WorkflowVersionDto>> DeleteAsync(string name, WorkflowService service, ClaimsPrincipal principal, CancellationToken ct)
    {
        var caller = Caller.Of(principal);
        EnsureOwner(service, name, caller, "delete");
        return TypedResults.Ok((await service.DeleteAsync(name, caller.Name, ct)).ToDto());
    }

    internal static async Task<Accepted<RunStartedDto>> ExecuteAsync(string name, WorkflowService service, ClaimsPrincipal principal, string? revision, CancellationToken ct)
    {
        var (jobId, commit) = await service.ExecuteAsync(name, revision, Caller.Of(principal).Name, ct);
        return TypedResults.Accepted($"/api/v1/runs/{jobId}", new RunStartedDto(jobId, name, commit));
    }

    internal static async Task<Accepted<RunStartedDto>> SubmitTaskFileAsync(
        HttpRequest request, WorkflowService service, ClaimsPrincipal principal, string? name, CancellationToken ct)
    {
        var text = System.Text.Encoding.UTF8.GetString(await ReadBodyAsync(request, ct));
        var runName = string.IsNullOrWhiteSpace(name) ? "tasks" : name.Trim();
        var jobId = await service.SubmitTaskFileAsync(runName, text, Caller.Of(principal).Name, ct);
        return TypedResults.Accepted($"/api/v1/runs/{jobId}", new RunStartedDto(jobId, runName, null));
    }

    internal static async Task<Accepted<RunStartedDto>> SubmitFileAsync(
        HttpRequest request, WorkflowService service, ClaimsPrincipal principal, string? name, string? format, CancellationToken ct)
    {
        var content = await ReadBodyAsync(request, ct);
        var runName = string.IsNullOrWhiteSpace(name) ? "adhoc" : name.Trim();
        var jobId = await service.SubmitFileAsync(runName, format, content, Caller.Of(principal).Name, ct);
        return TypedResults.Accepted($"/api/v1/runs/{jobId}", new RunStartedDto(jobId, runName, null));
    }

    private static void EnsureOwner(WorkflowService service, string name, Caller caller, string action)
    {
        if (service.OwnerOf(name) is { } owner && !caller.Owns(owner))
        {
            throw new NotOwnerException($"workflow '{name}' belongs to {owner}; only its owner or an administrator may {action} it");
        }
    }

    private static CommitFileResult FileResult(StoredWorkflow stored, byte[] content)
    {
        return new CommitFileResult(content, stored.Commit, stored.Format);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxFileBytes)
        {
            throw new WorkflowInvalidException("The file is too large", [new Core.Workflows.WorkflowProblem("file", $"the file has {request.ContentLength} bytes; at most {MaxFileBytes} are allowed")]);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxFileBytes)
        {
            throw new WorkflowInvalidException("The file is too large", [new Core.Workflows.WorkflowProblem("file", $"the file is larger than {MaxFileBytes} bytes")]);
        }

        return buffer.ToArray();
    }
}
