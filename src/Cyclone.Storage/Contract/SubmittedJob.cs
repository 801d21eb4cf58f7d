namespace Cyclone.Storage.Contract;

/// <summary>The ids given to a stored job and its tasks (in task index order).</summary>
public sealed record SubmittedJob(long JobId, IReadOnlyList<long> TaskIds);
