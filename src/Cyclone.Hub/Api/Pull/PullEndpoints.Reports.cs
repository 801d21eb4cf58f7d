using System.Security.Claims;
using Cyclone.Core.Tasks;
using Cyclone.Hub.Scheduling;
using Cyclone.Hub.Security;
using Cyclone.Protocol.Rest;
using Cyclone.Storage.Contract;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cyclone.Hub.Api.Pull;

public static partial class PullEndpoints
{
    private static Delegate OneHandler(PullAction action) =>
        (long id, TaskReportRequest? request, ClaimsPrincipal principal, SchedulerLoop loop, IStore store, CancellationToken ct) =>
            ReportOneAsync(action, id, request ?? new TaskReportRequest(), Caller.Of(principal), loop, store, ct);

    private static Delegate BatchHandler(PullAction action) =>
        (TaskReportBatchRequest? request, ClaimsPrincipal principal, SchedulerLoop loop, IStore store, CancellationToken ct) =>
            ReportBatchAsync(action, request ?? new TaskReportBatchRequest(), Caller.Of(principal), loop, store, ct);

    internal static async Task<Results<Ok<TaskReportResultDto>, ValidationProblem, ProblemHttpResult>> ReportOneAsync(
        PullAction action, long id, TaskReportRequest request, Caller caller, SchedulerLoop loop, IStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var worker = PullValidation.WorkerName(request.Worker, caller, "worker", errors);
        var lease = LeaseTime(request.LeaseSeconds, "leaseSeconds", errors);
        var report = PullValidation.Report(request, action, id, "", errors);
        if (errors.Count > 0 || worker is null || report is null)
        {
            return TypedResults.ValidationProblem(errors, title: $"The {PullValidation.Verb(action)} is not valid");
        }

        var verdicts = await loop.ReportPulledAsync(worker, action, [report], lease, ct);
        var result = (await ResultsAsync([report], verdicts, store, ct))[0];
        return result.Status switch
        {
            StatusCodes.Status200OK => TypedResults.Ok(result),
            StatusCodes.Status404NotFound => TypedResults.Problem(title: "No such task", detail: result.Message, statusCode: result.Status),
            _ => TypedResults.Problem(title: "The attempt is not leased to this worker", detail: result.Message, statusCode: result.Status),
        };
    }

    internal static async Task<Results<Ok<TaskReportBatchDto>, ValidationProblem>> ReportBatchAsync(
        PullAction action, TaskReportBatchRequest request, Caller caller, SchedulerLoop loop, IStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var worker = PullValidation.WorkerName(request.Worker, caller, "worker", errors);
        var lease = LeaseTime(request.LeaseSeconds, "leaseSeconds", errors);
        var entries = request.Tasks ?? [];
        if (entries.Count is 0 or > PullValidation.MaxTasks)
        {
            PullValidation.Add(errors, "tasks", $"give 1 to {PullValidation.MaxTasks} tasks, each with its id (gave {entries.Count})");
        }

        var reports = new List<PullReport>(entries.Count);
        for (var i = 0; i < entries.Count && i < PullValidation.MaxTasks; i++)
        {
            var where = $"tasks[{i}].";
            if (entries[i] is not { } entry)
            {
                PullValidation.Add(errors, $"tasks[{i}]", "an entry is null; give an object with the task's id");
                continue;
            }

            if (entry.Worker is not null && entry.Worker != request.Worker)
            {
                PullValidation.Add(errors, where + "worker", "a batch is for one worker: give its name once, as the batch's worker");
            }

            if (entry.LeaseSeconds is not null && entry.LeaseSeconds != request.LeaseSeconds)
            {
                PullValidation.Add(errors, where + "leaseSeconds", "give the lease time once, as the batch's leaseSeconds");
            }

            if (PullValidation.Report(entry, action, null, where, errors) is { } report)
            {
                reports.Add(report);
            }
        }

        if (errors.Count > 0 || worker is null)
        {
            return TypedResults.ValidationProblem(errors, title: $"The batched {PullValidation.Verb(action)} is not valid");
        }

        var verdicts = await loop.ReportPulledAsync(worker, action, reports, lease, ct);
        return TypedResults.Ok(new TaskReportBatchDto(await ResultsAsync(reports, verdicts, store, ct)));
    }

    private static TimeSpan? LeaseTime(int? seconds, string field, Dictionary<string, string[]> errors) =>
        seconds is null ? null : TimeSpan.FromSeconds(PullValidation.Range(seconds, 1, PullValidation.MaxLeaseSeconds, 0, field, errors));

    /// <summary>Each verdict as the API answers it; a task the scheduler no longer holds is looked up in the store.</summary>
    private static async Task<List<TaskReportResultDto>> ResultsAsync(
        List<PullReport> reports, IReadOnlyList<PullVerdict> verdicts, IStore store, CancellationToken ct)
    {
        var gone = reports.Where((_, i) => verdicts[i].Outcome == PullOutcome.NotActive).Select(r => r.TaskId).ToHashSet();
        var ended = gone.Count > 0 ? await store.GetTaskStatesAsync(gone, ct) : new Dictionary<long, TaskState>();
        var results = new List<TaskReportResultDto>(reports.Count);
        for (var i = 0; i < reports.Count; i++)
        {
            var (id, verdict) = (reports[i].TaskId, verdicts[i]);
            results.Add(verdict.Outcome switch
            {
                PullOutcome.Done => new TaskReportResultDto(id, StatusCodes.Status200OK, verdict.Attempt, verdict.State?.ToWire()),
                PullOutcome.NotHeld => new TaskReportResultDto(id, StatusCodes.Status409Conflict, reports[i].Attempt, verdict.State?.ToWire(), verdict.Detail),
                _ when ended.TryGetValue(id, out var state) => new TaskReportResultDto(
                    id, StatusCodes.Status409Conflict, reports[i].Attempt, state.ToWire(), $"task {id} has ended: it is {state.ToWire()}"),
                _ => new TaskReportResultDto(id, StatusCodes.Status404NotFound, reports[i].Attempt, null, $"there is no task {id}"),
            });
        }

        return results;
    }
}
