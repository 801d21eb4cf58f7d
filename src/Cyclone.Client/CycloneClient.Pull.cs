using System.Globalization;
using Cyclone.Protocol.Rest;

namespace Cyclone.Client;

public sealed partial class CycloneClient
{
    /// <summary>
    /// Leases ready tasks to a pull worker (<c>POST /api/v1/tasks/lease</c>); with <see cref="TaskLeaseRequest.WaitSeconds"/>
    /// the hub answers as soon as one is leased, or empty when the time is up. Keep the wait under this client's timeout.
    /// </summary>
    public Task<TaskLeaseResponse> LeaseTasksAsync(TaskLeaseRequest request, CancellationToken ct) =>
        SendAsync<TaskLeaseResponse>(HttpMethod.Post, "api/v1/tasks/lease", request, null, ct);

    /// <summary>Renews the lease of an attempt the worker holds.</summary>
    public Task<TaskReportResultDto> HeartbeatTaskAsync(long taskId, TaskReportRequest request, CancellationToken ct) =>
        ReportTaskAsync(taskId, "heartbeat", request, ct);

    /// <summary>Reports that an attempt ended with <see cref="TaskReportRequest.ExitCode"/> (default 0) and optional outputs.</summary>
    public Task<TaskReportResultDto> CompleteTaskAsync(long taskId, TaskReportRequest request, CancellationToken ct) =>
        ReportTaskAsync(taskId, "complete", request, ct);

    /// <summary>Reports that an attempt failed (exit code default 1, a message).</summary>
    public Task<TaskReportResultDto> FailTaskAsync(long taskId, TaskReportRequest request, CancellationToken ct) =>
        ReportTaskAsync(taskId, "fail", request, ct);

    /// <summary>Hands an attempt back unfinished: the task goes back to the queue.</summary>
    public Task<TaskReportResultDto> ReleaseTaskAsync(long taskId, TaskReportRequest request, CancellationToken ct) =>
        ReportTaskAsync(taskId, "release", request, ct);

    /// <summary>
    /// Many reports of one kind (<paramref name="action"/>: heartbeat, complete, fail or release) in one call; answers
    /// each one's result (200, 404 or 409) in order.
    /// </summary>
    public Task<TaskReportBatchDto> ReportTasksAsync(string action, TaskReportBatchRequest request, CancellationToken ct) =>
        SendAsync<TaskReportBatchDto>(HttpMethod.Post, $"api/v1/tasks/{Action(action)}", request, null, ct);

    private Task<TaskReportResultDto> ReportTaskAsync(long taskId, string action, TaskReportRequest request, CancellationToken ct) =>
        SendAsync<TaskReportResultDto>(
            HttpMethod.Post, $"api/v1/tasks/{taskId.ToString(CultureInfo.InvariantCulture)}/{action}", request, $"task {taskId} does not exist", ct);

    private static string Action(string action) => action is "heartbeat" or "complete" or "fail" or "release"
        ? action
        : throw new ArgumentException($"'{action}' is no report: use heartbeat, complete, fail or release", nameof(action));
}
