namespace Cyclone.Storage.Contract;

/// <summary>
/// Which past tasks to learn durations from: those that completed in the <see cref="Jobs"/> most recent jobs before
/// <see cref="BeforeJobId"/> that ran the same workflow or, for a job that is no workflow run, that had the same
/// name and user.
/// </summary>
public sealed record PastDurationQuery(long BeforeJobId, string? Workflow, string Name, string User, int Jobs = 20);
