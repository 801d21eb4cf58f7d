using Cyclone.Protocol.Rest;

namespace Cyclone.Client;

public sealed partial class CycloneClient
{
    /// <summary>Publishes a new version of workflow <paramref name="name"/>; the hub validates it before storing anything.</summary>
    public Task<WorkflowVersionDto> PublishWorkflowAsync(string name, byte[] content, string? format, string? message, CancellationToken ct) =>
        SendBytesAsync<WorkflowVersionDto>(HttpMethod.Put, $"api/v1/workflows/{Uri.EscapeDataString(name)}" + Query(("format", format), ("message", message)),
            content, "application/json", NoSuchWorkflow(name), ct);

    /// <summary>The file of a version (the newest when <paramref name="revision"/> is null) and the commit it was read at.</summary>
    public async Task<(byte[] Content, string? Commit)> GetWorkflowAsync(string name, string? revision, CancellationToken ct)
    {
        var (content, headers) = await GetBytesAsync($"api/v1/workflows/{Uri.EscapeDataString(name)}" + Query(("revision", revision)), NoSuchWorkflow(name), ct);
        return (content, headers.TryGetValues("X-Cyclone-Commit", out var v) ? v.FirstOrDefault() : null);
    }

    /// <summary>The file a run executed, with the output values it computed filled in (Nodeworks files).</summary>
    public async Task<byte[]> GetRunFileAsync(long runId, CancellationToken ct) =>
        (await GetBytesAsync($"api/v1/runs/{runId}/file", $"run {runId} does not exist or is not a run of a stored workflow", ct)).Content;

    public Task<List<WorkflowVersionDto>> WorkflowHistoryAsync(string name, int limit, CancellationToken ct) =>
        SendAsync<List<WorkflowVersionDto>>(HttpMethod.Get, $"api/v1/workflows/{Uri.EscapeDataString(name)}/history" + Query(("limit", Num(limit))), null, null, ct);

    public Task<List<string>> ListWorkflowsAsync(CancellationToken ct) =>
        SendAsync<List<string>>(HttpMethod.Get, "api/v1/workflows", null, null, ct);

    public Task<WorkflowVersionDto> DeleteWorkflowAsync(string name, CancellationToken ct) =>
        SendAsync<WorkflowVersionDto>(HttpMethod.Delete, $"api/v1/workflows/{Uri.EscapeDataString(name)}", null, NoSuchWorkflow(name), ct);

    /// <summary>Starts a run of a version (the newest when <paramref name="revision"/> is null).</summary>
    public Task<RunStartedDto> ExecuteWorkflowAsync(string name, string? revision, CancellationToken ct) =>
        SendAsync<RunStartedDto>(HttpMethod.Post, $"api/v1/workflows/{Uri.EscapeDataString(name)}/runs" + Query(("revision", revision)), null, null, ct);

    public Task<RunStatusDto> RunStatusAsync(long runId, CancellationToken ct) =>
        SendAsync<RunStatusDto>(HttpMethod.Get, $"api/v1/runs/{runId}", null, $"run {runId} does not exist", ct);

    public Task<RunStatusDto> CancelRunAsync(long runId, CancellationToken ct) =>
        SendAsync<RunStatusDto>(HttpMethod.Post, $"api/v1/runs/{runId}/cancel", null, $"run {runId} does not exist", ct);

    /// <summary>Runs a workflow file (native JSON or Nodeworks) once, without storing a version.</summary>
    public Task<RunStartedDto> SubmitWorkflowFileAsync(string name, byte[] content, string? format, CancellationToken ct) =>
        SendBytesAsync<RunStartedDto>(HttpMethod.Post, "api/v1/runs" + Query(("name", name), ("format", format)), content, "application/json", null, ct);

    /// <summary>Runs a plain task file (one task per line) at once.</summary>
    public Task<RunStartedDto> SubmitTaskFileAsync(string name, string text, CancellationToken ct) =>
        SendBytesAsync<RunStartedDto>(HttpMethod.Post, "api/v1/workflow/submit" + Query(("name", name)),
            System.Text.Encoding.UTF8.GetBytes(text), "text/plain", null, ct);

    private static string NoSuchWorkflow(string name) => $"workflow '{name}' (or that revision of it) does not exist";
}
