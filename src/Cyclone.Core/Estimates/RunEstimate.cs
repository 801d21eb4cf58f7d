namespace Cyclone.Core.Estimates;

/// <summary>
/// A whole run: when it started (or is expected to), when it is expected to finish, and each task's figures.
/// <see cref="Complete"/> is false when <see cref="UnknownTasks"/> tasks had no past durations, which makes
/// <see cref="Finish"/> a lower bound.
/// </summary>
public sealed record RunEstimate(DateTimeOffset Start, DateTimeOffset Finish, bool Complete, int UnknownTasks, IReadOnlyList<TaskEstimate> Tasks);
