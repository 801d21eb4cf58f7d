namespace Cyclone.EndToEnd.Tests.Faults;

/// <summary>A job the hub acknowledged (answered 201/202 with its id): its tasks must all end, each exactly once.</summary>
internal sealed record SubmittedWork(long JobId, string Kind, int Slots)
{
    /// <summary>When the workload cancelled it (null: never).</summary>
    public DateTimeOffset? CancelledAt { get; set; }
}
