using System.Text.Json.Nodes;

namespace Cyclone.Protocol.Rest;

/// <summary>
/// A pull worker's report on an attempt it holds: <c>POST /api/v1/tasks/{id}/heartbeat|complete|fail|release</c>,
/// or one entry of the batched forms.
/// </summary>
public sealed class TaskReportRequest
{
    /// <summary>The task (required in a batch; in the path otherwise).</summary>
    public long? Id { get; set; }

    /// <summary>The attempt the worker was leased; default: the one it holds now.</summary>
    public int? Attempt { get; set; }

    /// <summary>The worker's name, as it leased; default: the caller's user name.</summary>
    public string? Worker { get; set; }

    /// <summary>complete: the exit code (default 0; non-zero means failed); fail: a non-zero code (default 1).</summary>
    public int? ExitCode { get; set; }

    /// <summary>What went wrong (fail), or a note on the outcome.</summary>
    public string? Message { get; set; }

    /// <summary>complete: the task's outputs, a JSON object (what downstream tasks receive as inputs).</summary>
    public JsonObject? Outputs { get; set; }

    /// <summary>Renew the worker's leases for this long from now, 1 to 86400 seconds; default: as it leased.</summary>
    public int? LeaseSeconds { get; set; }
}
