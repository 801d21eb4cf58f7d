namespace Cyclone.Hub.Api.Stream;

/// <summary>
/// The task changes of one interval: the jobs they touched (null when too many to list), how many transitions,
/// and how many of them ended a task COMPLETED or otherwise (FAILED, TIMEOUT, CANCELLED, UPSTREAM_FAILED).
/// </summary>
public sealed record LiveChangeSet(IReadOnlyCollection<long>? Jobs, long Transitions, long Completed, long Failed);
