namespace Cyclone.Protocol.Rest;

/// <summary>Many reports of one kind in one call: <c>POST /api/v1/tasks/heartbeat|complete|fail|release</c>.</summary>
public sealed class TaskReportBatchRequest
{
    /// <summary>The worker's name, for every entry (which name none, or the same); default: the caller's user name.</summary>
    public string? Worker { get; set; }

    /// <summary>Renew the worker's leases for this long from now, 1 to 86400 seconds; default: as it leased.</summary>
    public int? LeaseSeconds { get; set; }

    /// <summary>1 to 1000 reports, each with its task's <c>id</c>.</summary>
    public IReadOnlyList<TaskReportRequest>? Tasks { get; set; }
}
