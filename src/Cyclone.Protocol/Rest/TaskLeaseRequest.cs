namespace Cyclone.Protocol.Rest;

/// <summary>
/// A pull worker asks for tasks (<c>POST /api/v1/tasks/lease</c>). Every field is optional and checked before anything
/// is leased.
/// </summary>
public sealed class TaskLeaseRequest
{
    /// <summary>The worker's name (1 to 100 letters, digits, '_', '.', '-', '@'); default: the caller's user name.</summary>
    public string? Worker { get; set; }

    /// <summary>Labels the worker carries: it is given tasks whose labels it all carries (tasks without labels too).</summary>
    public IReadOnlyList<string>? Labels { get; set; }

    /// <summary>The most tasks to lease, 1 to 1000. Default 1.</summary>
    public int? Max { get; set; }

    /// <summary>How long the leases last without a call from the worker, 1 to 86400 seconds. Default 60.</summary>
    public int? LeaseSeconds { get; set; }

    /// <summary>How long to wait for a task when none is ready, 0 to 300 seconds; the answer comes as soon as one is leased. Default 0.</summary>
    public int? WaitSeconds { get; set; }
}
